# Session 21 run h: 64 KiB Deflate batches decoded longest stream first by the library (new) against
# 6a8f616 (old), alternated twice; LZ4 text as a control; random and zeros for the host time.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in old new; do
  echo "=== pass $pass $b"
  bash .gpu/run.sh .gpu/s21/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,logs,numbers,random,zeros --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  bash .gpu/run.sh .gpu/s21/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4 --only text --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
