set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 524288,786432,1048576 --reps 10"
for i in 1 2; do
  echo "== pieces (threshold 256 KiB)"
  bash .gpu/run.sh .gpu/s12-c.mjs $B --deflate-pieced-min 262144 2>&1 | grep Deflate
  echo "== one workgroup per op (threshold 4 MiB)"
  bash .gpu/run.sh .gpu/s12-c.mjs $B --deflate-pieced-min 4194304 2>&1 | grep Deflate
done > $OUT/s12c-threshold.txt
bash .gpu/run.sh .gpu/s12-c.mjs --suite corpus --decompress-mib 256 --reps 20 > $OUT/s12c-corpus.txt 2>&1
cat $OUT/s12c-threshold.txt $OUT/s12c-corpus.txt
