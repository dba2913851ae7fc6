export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for cls in text binary numbers logs; do
  for n in 4096 8192; do CLS=$cls ONLY=lanes,lanes_rec bash .gpu/run.sh .gpu/s20/lzmicro.mjs $n; done
done 2>&1 | tee $OUT/s20e-lanes.txt
