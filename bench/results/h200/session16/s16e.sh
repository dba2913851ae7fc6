# Run e (session 16): run d's fixed-step search starting from the largest power of two below the group's
# segment count (fixed-search2.diff) against 760a34c (s16-cur)
# alternated twice, 64 KiB operations, then 1 MiB text.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
date
for v in s16-cur s16-fixed2 s16-cur s16-fixed2; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,json,binary,logs,numbers,random,zeros --sizes 65536 2>&1 | grep KiB
done > $OUT/s16e-corpus.txt
for v in s16-cur s16-fixed2; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,binary --sizes 1048576 2>&1 | grep KiB
done > $OUT/s16e-large.txt
date
