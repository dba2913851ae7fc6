export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do
  echo "=== pass $pass final"
  bash .gpu/run.sh .gpu/s20/final.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only random,zeros --sizes 65536 --decompress-mib 256 --reps 30 2>&1 | grep "x 64 KiB"
done | tee $OUT/s20j-final.txt
