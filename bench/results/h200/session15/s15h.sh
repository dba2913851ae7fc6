# Run h (session 15): the tree with both decoder variants behind constants, picked per dispatch from the
# operations' compression ratios (s15-new: plain decoder for text, LITERALS for random, RUNS for zeros)
# against the tree before (s15-head, 082ac44), alternated twice, through the API.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
date
for v in head new head new; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s15-$v.mjs $B --only text,json,binary,logs,random,zeros --sizes 65536 2>&1 | grep KiB
done > $OUT/s15h-variants.txt
date
