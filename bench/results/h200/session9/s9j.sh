#!/usr/bin/env bash
# Session 9, run j (final tree: pooled query sets, end stamps only on immediate submissions): memory suite
# with CUDA in the same command.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
timeout 200 bash "$d/run.sh" "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/s9j-mem.txt" 2>&1
timeout 90 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 > "$out/s9j-cuda.txt" 2>&1
grep -v "^ *$" "$out/s9j-mem.txt" | head -n 60; head -n 12 "$out/s9j-cuda.txt"
