#!/usr/bin/env bash
# Session 7 (copy engine hot path), one H200 command: this tree's memory suite, native CUDA, raw WebGPU,
# and the base commit's bench (fe2c895, before the copy engine) on the base code and on this tree's code,
# for the small-copy rows. At most 8 files come back.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 150 bash "$d/run.sh" "$@"; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
m "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem.json" > "$out/mem.txt" 2>&1
timeout 60 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 --json "$out/cuda.json" > "$out/cuda.txt" 2>&1
m "$d/webgpu_baseline.mjs" > "$out/webgpu.txt" 2>&1
m "$d/bench-base.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/base.txt" 2>&1
m "$d/bench-base-new.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/base-new.txt" 2>&1
grep -v "^ *$" "$out/mem.txt" | tail -n 40; tail -n 22 "$out/cuda.txt"; tail -n 10 "$out/webgpu.txt"; grep -i "16384\|latency\|memset.*4 B\|p99" "$out/base.txt" "$out/base-new.txt"
