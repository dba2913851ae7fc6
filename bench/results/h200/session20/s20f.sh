export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do
  echo "=== pass $pass"
  SWEEP_ROWS=text:65536,binary:65536,numbers:65536,logs:65536,json:65536 SWEEP_ONLY='shipped|batch x0.75|batch /2|batch x1.5' bash .gpu/run.sh .gpu/bench.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary,numbers,logs,json --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1
done | tee $OUT/s20f-groups.txt
