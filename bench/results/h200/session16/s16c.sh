# Run c (session 16): the segment holding a run's first byte counted from NSEG independent loads
# (s16-count, count.diff) instead of a binary search (dependent loads), on the tree with the cursor
# (s16-cur = 760a34c), and the lanes marking the first words of their segments in a table before the
# words are built (s16-wtab, wtab.diff), alternated, 64 KiB operations, then 1 MiB.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
date
for v in s16-cur s16-count s16-wtab s16-cur s16-count s16-wtab; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,json,binary,logs,numbers,random,zeros --sizes 65536 2>&1 | grep KiB
done > $OUT/s16c-corpus.txt
date
for v in s16-cur s16-count s16-wtab; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,binary --sizes 1048576 2>&1 | grep KiB
done > $OUT/s16c-large.txt
date
