# Session 23 run e: (1) the runs variant reading a run's period by one chase per byte in its first round too
# (runs2.mjs) against the tree (tree.mjs = 573ae3a), zeros Deflate through the API, alternated twice; (2) the
# Deflate kernel alone on random and zeros (what bounds them); (3) the LZ4/Snappy piece pipeline's passes
# (--phases) on 1 and 4 MiB operations; (4) the paired and one-op LZ4/Snappy kernels at 4096 x 64 KiB.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in tree runs2; do
  echo "=== API pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only zeros,random --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== Deflate kernel sweep, random and zeros (t=$(( $(date +%s) - t0 )) s)"
SWEEP_ROWS=random:65536,zeros:65536 SWEEP_ONLY='shipped|runs variant|runs variant, leader only|leader only|WG 64|NCMD 64, LITCAP 256|no storage barrier|copy code compiled out' \
  bash .gpu/run.sh .gpu/s23/runs2.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only random,zeros --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -E " x |kernel"
echo "=== LZ4/Snappy piece phases (t=$(( $(date +%s) - t0 )) s)"
bash .gpu/run.sh .gpu/s23/runs2.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 --phases 2>&1 | grep -v "^$" | tail -60
echo "=== LZ4/Snappy paired and one-op kernels (t=$(( $(date +%s) - t0 )) s)"
SWEEP_ROWS=text:65536,binary:65536 SWEEP_ONLY='shipped|1 op per workgroup' \
  bash .gpu/run.sh .gpu/s23/runs2.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -E " x |kernel"
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
