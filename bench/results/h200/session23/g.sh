# Session 23 run g: the LZ4/Snappy piece pipeline with its links ablated (no link stores, no link loads,
# neither) and with the links buffer cleared first so that only nonzero links are stored (pv.mjs = e006929 +
# bench/large-phases.ts PIECE_VARIANTS), text and x86 code, 1 and 4 MiB operations, two passes.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do
  echo "=== pass $pass (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s23/pv.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 --phases 2>&1 | grep -E " x |piece"
done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
