set -x
for cls in text binary; do
  CLS=$cls bash .gpu/run.sh .gpu/s20/lzmicro.mjs 132
  CLS=$cls bash .gpu/run.sh .gpu/s20/lzmicro.mjs 4224
done 2>&1 | tee $OUT/s20a-micro.txt
