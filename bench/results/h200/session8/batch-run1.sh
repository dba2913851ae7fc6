#!/usr/bin/env bash
# Session 8, batch host path (issue 8), H200 run 1: small-copies host time per round on the base commit
# (de69b24) and on this branch (two processes each), then this branch's memory suite and native CUDA.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 150 bash "$d/run.sh" "$@"; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
nproc >> "$out/gpu.txt"; lscpu | grep -i "model name" >> "$out/gpu.txt"
for i in 1 2; do for v in b8-hot-base b8-hot; do echo "== $v process $i"; ROUNDS=40 timeout 90 bash "$d/run.sh" "$d/$v.mjs"; done; done > "$out/hot.txt" 2>&1
m "$d/b8-bench.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem.json" > "$out/mem.txt" 2>&1
timeout 90 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 --json "$out/cuda.json" > "$out/cuda.txt" 2>&1
cat "$out/hot.txt" | grep -v "^bytes"; grep -v "GPU," "$out/mem.txt" | tail -n 24; tail -n 22 "$out/cuda.txt"
