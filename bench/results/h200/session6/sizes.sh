#!/usr/bin/env bash
# Size sweep (bench/sizes.ts) next to native CUDA's fixed-size rows, in one command.
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
bash "$d/run.sh" "$d/bench.mjs" --suite sizes --size-mib 1024 --json "$out/sizes.json" > "$out/sizes.txt" 2>&1
python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 --json "$out/cuda.json" > "$out/cuda.txt" 2>&1
tail -n 45 "$out/sizes.txt"; tail -n 3 "$out/cuda.txt"
