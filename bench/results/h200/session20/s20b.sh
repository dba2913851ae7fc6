export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for cls in text binary numbers logs; do
  for n in 132 4224; do CLS=$cls bash .gpu/run.sh .gpu/s20/lzmicro.mjs $n; done
done 2>&1 | tee $OUT/s20b-micro.txt
SWEEP_ROWS=text:65536,binary:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|parse only|1 op per workgroup' bash .gpu/run.sh .gpu/bench.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4 --only text,binary --sizes 65536 --reps 10 --sweep 2>&1 | tee $OUT/s20b-sweep.txt
