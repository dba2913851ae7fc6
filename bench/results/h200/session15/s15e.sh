# Run e (session 15): copies of distance 1 resolved once and spread over the run (s15-splat, after run d's
# distances 1-3 cost 1.5-3% elsewhere), and that with groups of one literal run copied four words at a time
# (s15-lit), against
# the tree before (s15-head, 082ac44), alternated twice, every class at 64 KiB and text/binary at 1 MiB, LZ4 and Snappy.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
date
for v in head splat lit head splat lit; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s15-$v.mjs $B --sizes 65536 2>&1 | grep KiB
  bash .gpu/run.sh .gpu/s15-$v.mjs $B --only text,binary --sizes 1048576 2>&1 | grep KiB
done > $OUT/s15e-splat.txt
date
cat $OUT/s15e-splat.txt
