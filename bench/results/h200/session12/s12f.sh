set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary,json --algos Deflate --decompress-mib 256 --sizes 65536 --reps 20"
bash .gpu/run.sh .gpu/s12-h5.mjs $B > /dev/null 2>&1
for v in h5 emit h5 emit h5 emit; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $B 2>&1 | grep Deflate
done > $OUT/s12f-64k.txt
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304"
for v in h5 emit; do
  echo "== find,size $v"
  PASSES=find,size bash .gpu/run.sh .gpu/s12-$v.mjs $L --reps 5 2>&1 | grep Deflate
done > $OUT/s12f-large.txt
for v in h5 emit h5 emit; do
  echo "== all $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $L --reps 10 2>&1 | grep Deflate
done >> $OUT/s12f-large.txt
cat $OUT/s12f-64k.txt $OUT/s12f-large.txt
