# Session 21 run i: run h's new build against the same with the row loaded through workgroup memory
# (uni), and old (6a8f616); Deflate text, x86 code, random, zeros; alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in old new uni; do
  echo "=== pass $pass $b"
  bash .gpu/run.sh .gpu/s21/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary,random,zeros --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
