#!/usr/bin/env bash
# Issue 9, memory kernels (session 7): webcu's memory suite before the change, the strided kernel's
# variants (--suite memsweep), native CUDA and raw WebGPU, in one command. Each suite warms the GPU first.
set -u
d=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
bash "$d/run.sh" "$d/bench-mem-old.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem-old.json" > "$out/mem-old.txt" 2>&1
bash "$d/run.sh" "$d/bench-mem.mjs" --suite memsweep --size-mib 1024 --reps 30 --json "$out/sweep.json" > "$out/sweep.txt" 2>&1
python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 --json "$out/cuda.json" > "$out/cuda.txt" 2>&1
bash "$d/run.sh" "$d/webgpu_baseline.mjs" > "$out/webgpu.txt" 2>&1
head -n 14 "$out/mem-old.txt"; head -n 12 "$out/cuda.txt"; tail -n 5 "$out/webgpu.txt"; cat "$out/sweep.txt"
