# Session 26 run b: the two halves of lkr (run a): lkrA (the leader's lk_end tracking alone, every round
# copied with links) and lkrB (one copy_round call with the flag at run time), against t0 and lkr;
# Deflate text and x86 code at 1 / 4 MiB, one pass.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for b in t0 lkrA lkrB lkr t0; do
  echo "=== $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s26/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
