#!/usr/bin/env bash
# Session 7 run 6: small fills as staged copies — latency (bench/latency.ts, twice), the memory suite,
# native CUDA and raw WebGPU in one command.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 150 bash "$d/run.sh" "$@"; }
for i in 1 2; do m "$d/lat.mjs"; done > "$out/lat.txt" 2>&1
m "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem.json" > "$out/mem.txt" 2>&1
timeout 60 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 --json "$out/cuda.json" > "$out/cuda.txt" 2>&1
m "$d/webgpu_baseline.mjs" > "$out/webgpu.txt" 2>&1
cat "$out/lat.txt"; grep -v "GPU," "$out/mem.txt" | tail -n 24; tail -n 22 "$out/cuda.txt"; tail -n 4 "$out/webgpu.txt"
