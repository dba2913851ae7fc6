Q='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do
for F in "$Q" "$Q,enable-dawn-features=disable_robustness"; do
  echo "=== pass $pass DAWN_FLAGS=$F"
  DAWN_FLAGS="$F" CLS=text bash .gpu/run.sh .gpu/s20/lzmicro.mjs 132 2>&1 | grep -v "same parse" | tail -7
  DAWN_FLAGS="$F" SWEEP_ROWS=text:65536,binary:65536 SWEEP_ONLY='shipped' bash .gpu/run.sh .gpu/bench.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only text,binary --sizes 65536 --decompress-mib 256 --reps 5 --sweep 2>&1
done
done | tee $OUT/s20c-robustness.txt
