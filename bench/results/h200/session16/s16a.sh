# Run a (session 16): session 15's run h (s15-head = 082ac44, s16-base = a8f6037, the tree with decoder
# variants behind constants) and s16-fetch (a word's runs located first, their loads issued together),
# and s16-cursor (fetch + the next run of a word looked up from the last one's segment: cursor.diff), alternated twice, through the API; then 1 MiB operations (pieces). s16-window: fetch + literals read from the window in workgroup memory (window.diff).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
if [ "${1:-corpus}" = corpus ]; then
date
for v in s15-head s16-base s16-fetch s16-cursor s16-window s15-head s16-base s16-fetch s16-cursor s16-window; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,json,binary,logs,random,zeros --sizes 65536 2>&1 | grep KiB
done > $OUT/s16a-corpus.txt
date
else
for v in s16-base s16-fetch s16-cursor s16-window s16-base s16-fetch s16-cursor s16-window; do
  echo "== $v"
  bash .gpu/run.sh .gpu/$v.mjs $B --only text,binary --sizes 1048576 2>&1 | grep KiB
done > $OUT/s16a-large.txt
date
fi
