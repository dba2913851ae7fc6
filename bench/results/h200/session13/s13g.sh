# Run g (session 13): where pieces now start to pay for Deflate: 256 KiB operations in one workgroup each
# (the tree's default, pieces from 512 KiB) against in pieces (--deflate-pieced-min 131072), bundle of 61575b9.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 262144 --reps 10"
bash .gpu/run.sh .gpu/s13-tip.mjs $L > /dev/null 2>&1
for k in 1 2; do
  echo "== one workgroup"; bash .gpu/run.sh .gpu/s13-tip.mjs $L 2>&1 | grep Deflate
  echo "== pieces"; bash .gpu/run.sh .gpu/s13-tip.mjs $L --deflate-pieced-min 131072 2>&1 | grep Deflate
done
