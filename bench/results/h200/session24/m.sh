# Session 24 run m: the Deflate piece decoder's committed() giving the links of bytes wholly before the
# piece in closed form (pre.mjs) instead of a loop of one byte each, against final.mjs (36038ff).
# Alternated twice; 1 and 4 MiB Deflate, text and x86 code.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in final pre; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
