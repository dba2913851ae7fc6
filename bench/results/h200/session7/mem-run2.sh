#!/usr/bin/env bash
# Issue 9, memory kernels (session 7, run 2): webcu's memory suite with the new strided kernel and with
# the old one (same bench code: bench-mem-old.mjs is main's kernels + this branch's bench/memory.ts),
# interleaved, native CUDA twice, the kernel variants (--suite memsweep) and raw WebGPU, in one command.
# Each suite warms the GPU first; timestamps unquantized for the GPU-time rows.
set -u
d=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
m() { timeout 100 bash "$d/run.sh" "$@"; }
m "$d/bench-mem.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem.json" > "$out/mem.txt" 2>&1
m "$d/bench-mem-old.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem-old.json" > "$out/mem-old.txt" 2>&1
timeout 60 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 --json "$out/cuda.json" > "$out/cuda.txt" 2>&1
m "$d/bench-mem.mjs" --suite memsweep --size-mib 1024 --reps 20 --json "$out/sweep.json" > "$out/sweep.txt" 2>&1
m "$d/webgpu_baseline.mjs" > "$out/webgpu.txt" 2>&1
m "$d/bench-mem.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem-b.json" > "$out/mem-b.txt" 2>&1
m "$d/bench-mem-old.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem-old-b.json" > "$out/mem-old-b.txt" 2>&1
timeout 60 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 --json "$out/cuda-b.json" > "$out/cuda-b.txt" 2>&1
m "$d/bench-mem.mjs" --suite sizes --size-mib 1024 --json "$out/sizes.json" > "$out/sizes.txt" 2>&1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv >> "$out/gpu.txt" 2>&1
grep -h -v "^ *$" "$out/mem.txt" "$out/mem-old.txt" | grep -i "memset\|DtoD\|clear\|2D\|device"; head -n 10 "$out/cuda.txt" "$out/cuda-b.txt"; tail -n 3 "$out/webgpu.txt"
