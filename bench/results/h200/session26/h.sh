# Session 26 run h: header_start without the fields find's word test has passed (hs.mjs) against the final
# tree (t1.mjs): Deflate text and x86 code at 1 / 4 MiB, alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in t1 hs; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s26/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
