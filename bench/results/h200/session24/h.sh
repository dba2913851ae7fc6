# Session 24 run h: session 22's two paths in the piece decoder, apart: s22r the refill fast path only,
# s22g the copy lanes' run-following only, s22 both (as run e), against new. Alternated twice; 1 and 4 MiB
# Deflate, text and x86 code.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in new s22r s22g s22; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
