# Session 23 run f: run e's runs2 with one byte-by-byte loop for both paths (runs3.mjs: the period's 1-3
# bytes go through the same fetch loop as a split run's bytes, then repeat) against the tree (tree.mjs,
# 573ae3a), alternated twice, every Deflate class; then the runs variant's kernel on every kind of data (a
# dispatch picks it when half its operations compress 16-fold, so the other half runs on it too).
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in tree runs3; do
  echo "=== API pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,logs,numbers,random,zeros --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== kernel sweep (t=$(( $(date +%s) - t0 )) s)"
SWEEP_ROWS=text:65536,binary:65536,logs:65536,random:65536,zeros:65536 SWEEP_ONLY='shipped|runs variant' \
  bash .gpu/run.sh .gpu/s23/runs3.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary,logs,random,zeros --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -E " x |kernel"
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
