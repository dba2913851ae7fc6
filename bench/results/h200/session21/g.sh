# Session 21 run g: run f's sorted order with every pair of operations made of two different streams
# (SORT_OPS=distinct: each window of 256 sorted ops interleaved, op m with op m + 128), against plain.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for v in plain distinct; do
  echo "=== pass $pass $v"
  if [ $v = distinct ]; then export SORT_OPS=distinct; else unset SORT_OPS; fi
  bash .gpu/run.sh .gpu/s21/sort.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only text,json,binary,logs,numbers --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
