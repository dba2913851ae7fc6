# Session 23 run l: the Deflate piece decoder reading and writing a spill word's links as one vec2 (dl.mjs)
# against the tree (tree.mjs = f3e33d6), alternated twice, 1 and 4 MiB Deflate operations (pieces), 64 KiB
# text as a control.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in tree dl; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
