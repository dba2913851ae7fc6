set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary,json --algos Deflate --decompress-mib 256 --sizes 65536 --reps 20"
bash .gpu/run.sh .gpu/s12-c.mjs $B > /dev/null 2>&1
for v in c nolinks c nolinks c nolinks; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $B 2>&1 | grep Deflate
done > $OUT/s12e-links.txt
bash .gpu/run.sh .gpu/s12-nolinks.mjs --suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304 --reps 10 2>&1 | grep Deflate >> $OUT/s12e-links.txt
cat $OUT/s12e-links.txt
