# Run g (session 19, issue 9): run a's memory rows again (100 calls per round, two processes) with native
# CUDA in the same command, and the latency suite three times, to tell run a's outliers (DtoD aligned 0.584
# ms, "again" 0.386 ms) from the rows' level, and the 4-byte round trip's p99 from one pass's luck.
#   bash bench/results/h200/session19/s19g.sh   (from the repo root; bundle in .gpu/s19/old.mjs = the tree)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
timeout 90 python3 .gpu/cuda_baseline.py --size-mib 1024 --reps 100 > "$out/s19g-cuda.txt" 2>&1
for p in 1 2; do echo "== memory, process $p"
  timeout 150 bash .gpu/run.sh .gpu/s19/old.mjs --suite memory --size-mib 1024 --reps 100 2>&1 | grep -E "memset|Memset|clearBuffer \(|DtoD aligned|DtoD src|2D" | grep -v "GPU, single"
done > "$out/s19g-memory.txt" 2>&1
for p in 1 2 3; do echo "== latency, process $p"
  timeout 100 bash .gpu/run.sh .gpu/s19/old.mjs --suite latency --size-mib 1024 --reps 20 2>&1 | grep -E "4 B"
done > "$out/s19g-lat.txt" 2>&1
cat "$out/s19g-cuda.txt" "$out/s19g-memory.txt" "$out/s19g-lat.txt"
