export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2 3; do
  for b in old new; do
    echo "=== pass $pass $b"
    bash .gpu/run.sh .gpu/s20/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only random,zeros,text --sizes 65536 --decompress-mib 256 --reps 30 2>&1 | grep "x 64 KiB"
  done
done | tee $OUT/s20i-commit.txt
