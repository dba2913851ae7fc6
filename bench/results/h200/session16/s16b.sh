# Run b (session 16): the cursor alone on the tree (s16-cur: a word's next run looked up from the segment
# of its last run, cursor-base.diff) against the tree (s16-base = a8f6037), alternated, 64 KiB operations of
# every class, then 1 MiB operations (pieces).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
date
for v in s16-base s16-cur s16-base s16-cur; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,json,binary,logs,numbers,random,zeros --sizes 65536 2>&1 | grep KiB
done > $OUT/s16b-corpus.txt
date
for v in s16-base s16-cur s16-base s16-cur; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,binary --sizes 1048576 2>&1 | grep KiB
done > $OUT/s16b-large.txt
date
