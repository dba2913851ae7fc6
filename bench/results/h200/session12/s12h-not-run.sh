set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304"
bash .gpu/run.sh .gpu/s12-h7.mjs $L --reps 3 > /dev/null 2>&1
for v in h7 lkend h7 lkend; do
  echo "== all $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $L --reps 10 2>&1 | grep Deflate
done
