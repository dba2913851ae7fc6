#!/usr/bin/env bash
# Session 9, run b: minimal fill kernels vs webcu's fill and clearBuffer (GPU timestamps); latency with p99;
# the memory suite (latency before and after the host transfers) with CUDA and raw WebGPU.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 150 bash "$d/run.sh" "$@"; }
m "$d/fillk.mjs" > "$out/s9b-fillk.txt" 2>&1
for v in 1 2; do m "$d/lat9.mjs"; done > "$out/s9b-lat.txt" 2>&1
m "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/s9b-mem.txt" 2>&1
timeout 90 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 > "$out/s9b-cuda.txt" 2>&1
cat "$out/s9b-fillk.txt" "$out/s9b-lat.txt"; grep -v "^ *$" "$out/s9b-mem.txt" | tail -n 32; head -n 12 "$out/s9b-cuda.txt"
