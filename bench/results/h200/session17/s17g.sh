# Run g (session 17, issue 10): host time per decompression call, the tree (old = c1e7de9) against new (the
# op table a view of one kept array instead of a fresh 64 KiB one per call; no pass over the operations for
# large ones when none is above piecedMin), alternated three times: bench/hosttime.ts (4096 tiny LZ4 ops,
# 2000 calls, real backend), then the corpus bench's random, zeros and logs rows at 64 KiB (wall, GPU and
# host per call) for LZ4, Snappy and Deflate.
#   bash bench/results/h200/session17/s17g.sh   (from the repo root; bundles in .gpu/s17/)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
for v in old new old new old new; do echo "== $v"; timeout 60 bash .gpu/run.sh .gpu/s17/ht-$v.mjs 4096 2000; done > "$out/s17g-host.txt" 2>&1
for v in old new old new; do echo "== $v"; timeout 90 bash .gpu/run.sh .gpu/s17/dec-$v.mjs --suite corpus --algos LZ4,Snappy,Deflate --decompress-mib 256 --reps 10 --only random,zeros,logs --sizes 65536 2>&1 | grep KiB; done > "$out/s17g-corpus.txt" 2>&1
cd "$out" && for f in s17g-*.txt; do echo "=== $f"; cat "$f"; done
