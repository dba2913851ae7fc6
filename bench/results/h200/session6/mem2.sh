#!/usr/bin/env bash
# Variance check: the memory suite twice around native CUDA, in one command.
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
bash "$d/run.sh" "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/mem-a.txt" 2>&1
python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 > "$out/cuda.txt" 2>&1
bash "$d/run.sh" "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/mem-b.txt" 2>&1
grep -h "DtoD\|memset\|Memset\|2D" "$out/mem-a.txt" "$out/cuda.txt" "$out/mem-b.txt"
