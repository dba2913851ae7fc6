# Session 21 run f: how much 64 KiB batches gain when their operations come longest first (the bench
# sorts its params by srcNumBytes with SORT_OPS=1; the library unchanged): a bound for an op order.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for v in plain sorted; do
  echo "=== pass $pass $v"
  if [ $v = sorted ]; then export SORT_OPS=1; else unset SORT_OPS; fi
  bash .gpu/run.sh .gpu/s21/sort.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only text,json,binary,logs,numbers --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
