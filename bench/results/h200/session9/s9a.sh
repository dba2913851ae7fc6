#!/usr/bin/env bash
# Session 9, run a: flush policies for large work, the small-fill queue write (latency, new vs 58c2119),
# the memory suite with native CUDA and raw WebGPU in the same command, decompression (flush policy).
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 150 bash "$d/run.sh" "$@"; }
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,clocks.max.mem --format=csv > "$out/s9a-gpu.txt" 2>&1; nproc >> "$out/s9a-gpu.txt"
m "$d/flush.mjs" > "$out/s9a-flush.txt" 2>&1
for v in lat9 lat9-old lat9 lat9-old; do echo "== $v"; m "$d/$v.mjs"; done > "$out/s9a-lat.txt" 2>&1
m "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/s9a-mem.txt" 2>&1
timeout 90 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 > "$out/s9a-cuda.txt" 2>&1
m "$d/webgpu_baseline.mjs" > "$out/s9a-webgpu.txt" 2>&1
m "$d/bench.mjs" --suite decompress --decompress-mib 256 --reps 20 > "$out/s9a-dec.txt" 2>&1
cat "$out/s9a-flush.txt"; grep -v "^ *$" "$out/s9a-lat.txt"; grep -v "^ *$" "$out/s9a-mem.txt" | tail -n 45; tail -n 24 "$out/s9a-cuda.txt"; tail -n 30 "$out/s9a-webgpu.txt"; grep -v "^ *$" "$out/s9a-dec.txt" | tail -n 22
