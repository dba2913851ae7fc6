# Run d (session 16): resolve()'s binary search in fixed halving steps, each probe clamped to the table's
# end, with no upper bound carried between steps (s16-fixed, fixed-search.diff) against 760a34c (s16-cur),
# alternated twice, 64 KiB operations, then 1 MiB text.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
date
for v in s16-cur s16-fixed s16-cur s16-fixed; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,json,binary,logs,numbers,random,zeros --sizes 65536 2>&1 | grep KiB
done > $OUT/s16d-corpus.txt
for v in s16-cur s16-fixed; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,binary --sizes 1048576 2>&1 | grep KiB
done > $OUT/s16d-large.txt
date
