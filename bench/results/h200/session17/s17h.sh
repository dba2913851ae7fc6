# Run h (session 17, issue 10; NOT RUN: no device time left): decompression batches of 64 MiB of capacity
# or more submitted at once behind busy submissions (Op.long), the tree before (a89d602) against after,
# alternated twice: the corpus bench's random, zeros, logs and text rows at 64 KiB (wall, GPU and host per
# call) for LZ4, Snappy and Deflate.
#   ENTRY=bench/node.ts OUTFILE=.gpu/s17/dec-old.mjs node bench/build.mjs   (at a89d602)
#   ENTRY=bench/node.ts OUTFILE=.gpu/s17/dec-long.mjs node bench/build.mjs  (at the commit of Op.long)
#   bash bench/results/h200/session17/s17h.sh   (from the repo root)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
for v in old long old long; do echo "== $v"; timeout 120 bash .gpu/run.sh .gpu/s17/dec-$v.mjs --suite corpus --algos LZ4,Snappy,Deflate --decompress-mib 256 --reps 10 --only random,zeros,logs,text --sizes 65536 2>&1 | grep KiB; done > "$out/s17h-corpus.txt" 2>&1
cd "$out" && cat s17h-corpus.txt
