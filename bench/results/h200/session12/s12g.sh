set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304"
bash .gpu/run.sh .gpu/s12-h6.mjs $L --reps 3 > /dev/null 2>&1
echo "== h6 without fixup (PASSES=find,size,join,decode)"
PASSES=find,size,join,decode bash .gpu/run.sh .gpu/s12-h6.mjs $L --reps 5 2>&1 | grep Deflate
for v in h6 fix4 fix8 h6 fix4 fix8; do
  echo "== all $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $L --reps 10 2>&1 | grep Deflate
done
