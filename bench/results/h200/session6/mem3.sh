#!/usr/bin/env bash
# The memory suite next to native CUDA, in one command.
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
bash "$d/run.sh" "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 --json "$out/mem.json" > "$out/mem.txt" 2>&1
python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 --json "$out/cuda.json" > "$out/cuda.txt" 2>&1
head -n 14 "$out/mem.txt"; head -n 4 "$out/cuda.txt"
