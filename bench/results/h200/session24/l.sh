# Session 24 run l: run h again on the tree with branch-free links (sl.mjs = 1502d05): session 22's
# run-following (s22g) and refill fast path (s22r) in the piece decoder, each alone, against sl.
# Alternated twice; 1 and 4 MiB Deflate, text and x86 code.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in sl s22g s22r; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
