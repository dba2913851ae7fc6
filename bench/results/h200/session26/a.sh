# Session 26 run a: rounds without links in the piece decoder (lkr.mjs) against the tree (t0.mjs, 12742ce):
# Deflate text and x86 code at 256 KiB / 1 / 4 MiB, and 256 KiB in pieces (--deflate-pieced-min 262144),
# alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in t0 lkr; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s26/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 262144,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  echo "--- $b, 256 KiB in pieces"
  bash .gpu/run.sh .gpu/s26/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 262144 --decompress-mib 256 --reps 10 --deflate-pieced-min 262144 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
