#!/usr/bin/env bash
# One H200 command: webcu's memory and decompression suites next to native CUDA and raw WebGPU.
set -u
d=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
bash "$d/run.sh" "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem.json" > "$out/mem.txt" 2>&1
python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 --json "$out/cuda.json" > "$out/cuda.txt" 2>&1
bash "$d/run.sh" "$d/webgpu_baseline.mjs" > "$out/webgpu.txt" 2>&1
bash "$d/run.sh" "$d/bench.mjs" --suite decompress --decompress-mib 256 --reps 100 --json "$out/dec.json" > "$out/dec.txt" 2>&1
tail -n 40 "$out/mem.txt" "$out/cuda.txt" "$out/webgpu.txt" "$out/dec.txt"
