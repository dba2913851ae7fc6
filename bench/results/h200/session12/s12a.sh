set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary --algos Deflate --sizes 1048576,4194304 --decompress-mib 256 --deflate-pieced-min 262144"
bash .gpu/run.sh .gpu/s12-head.mjs --suite corpus --only text,binary --algos Deflate --sizes 65536 --decompress-mib 256 --reps 5 | grep Deflate > $OUT/s12a-warm.txt 2>&1
for v in head lut lut2k lut16 lutno head lut; do
  echo "== find $v"
  PASSES=find bash .gpu/run.sh .gpu/s12-$v.mjs $B --reps 5 2>&1 | grep Deflate
done > $OUT/s12a-find.txt
for v in head lut lut2k lut16 head lut lut2k lut16; do
  echo "== all $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $B --reps 10 2>&1 | grep -v "^corpus"
done > $OUT/s12a-all.txt
echo "== one workgroup per op at 1 MiB (default threshold)" >> $OUT/s12a-all.txt
bash .gpu/run.sh .gpu/s12-lut.mjs --suite corpus --only text,binary --algos Deflate --sizes 1048576 --decompress-mib 256 --reps 10 2>&1 | grep Deflate >> $OUT/s12a-all.txt
cat $OUT/s12a-warm.txt $OUT/s12a-find.txt $OUT/s12a-all.txt
