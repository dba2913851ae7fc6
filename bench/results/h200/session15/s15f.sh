# Run f (session 15): groups of one literal run copied four words at a time, alone (s15-lit, without run e's
# distance-1 splat, which cost LZ4 2-3% on every real-data row),
# against
# the tree before (s15-head, 082ac44), alternated twice, every class at 64 KiB and text/binary at 1 MiB, LZ4 and Snappy.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
date
for v in head lit head lit; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s15-$v.mjs $B --sizes 65536 2>&1 | grep KiB
  bash .gpu/run.sh .gpu/s15-$v.mjs $B --only text,binary --sizes 1048576 2>&1 | grep KiB
done > $OUT/s15f-lit.txt
date
cat $OUT/s15f-lit.txt
