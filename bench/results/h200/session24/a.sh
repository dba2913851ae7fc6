# Session 24 run a: large Deflate operations' find pass testing 32 positions at once for the header's first
# fields (new.mjs) against the tree (tree.mjs = 46af299); tree2/new2 dispatch find twice, so find's own
# cost is the difference to tree/new. Alternated twice; 1 and 4 MiB Deflate (pieces), 64 KiB as a control.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm --format=csv,noheader || true
for pass in 1 2; do for b in tree new tree2 new2; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
