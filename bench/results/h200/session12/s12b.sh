set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary --algos Deflate --decompress-mib 256"
for v in head skim head skim; do
  echo "== one op per workgroup, 64 KiB, $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $B --sizes 65536 --reps 10 2>&1 | grep Deflate
done > $OUT/s12b-64k.txt
for v in new new2k new8k new; do
  echo "== find $v"
  PASSES=find bash .gpu/run.sh .gpu/s12-$v.mjs $B --sizes 262144,1048576,4194304 --deflate-pieced-min 131072 --reps 5 2>&1 | grep Deflate
done > $OUT/s12b-find.txt
for v in new skim; do
  echo "== find,size $v"
  PASSES=find,size bash .gpu/run.sh .gpu/s12-$v.mjs $B --sizes 262144,1048576,4194304 --deflate-pieced-min 131072 --reps 5 2>&1 | grep Deflate
done >> $OUT/s12b-find.txt
for v in new new2k new8k skim head new new2k new8k skim head; do
  echo "== all $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $B --sizes 262144,1048576,4194304 --deflate-pieced-min 131072 --reps 10 2>&1 | grep Deflate
done > $OUT/s12b-all.txt
for v in skim skim; do
  echo "== one workgroup per op, $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $B --sizes 262144,1048576 --deflate-pieced-min 4194304 --reps 10 2>&1 | grep Deflate
done >> $OUT/s12b-all.txt
cat $OUT/s12b-64k.txt $OUT/s12b-find.txt $OUT/s12b-all.txt
