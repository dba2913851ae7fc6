# Run d (session 13): spec2 = spec with fixup by output words (links of a word from one or two spill link
# words, FIX_LOADS at once, as the tree's fixup) and the spill bound at half a binding instead of the
# 256 MiB scratch bound (run c's spill of 2.5x the output split a 256 MiB batch into parts). PARTS prints
# how many parts a call runs as.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304"
date
PARTS=1 bash .gpu/run.sh .gpu/s13-spec2.mjs $L --reps 3 2>&1 | grep -m 3 "parts"
bash .gpu/run.sh .gpu/s13-base.mjs $L --reps 3 > /dev/null 2>&1
for v in base spec2 base spec2; do
  echo "== all $v"
  bash .gpu/run.sh .gpu/s13-$v.mjs $L --reps 10 2>&1 | grep Deflate
done
for p in find,decode find,decode,join,place; do
  echo "== $p spec2"
  PASSES=$p bash .gpu/run.sh .gpu/s13-spec2.mjs $L --reps 5 2>&1 | grep Deflate
done
date
