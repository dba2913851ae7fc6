#!/usr/bin/env bash
# Session 9, run g: the size sweep (bench/sizes.ts) on the final tree, raw WebGPU in the same command.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
timeout 300 bash "$d/run.sh" "$d/bench.mjs" --suite sizes --size-mib 1024 --json "$out/s9g-sizes.json" > "$out/s9g-sizes.txt" 2>&1
timeout 100 bash "$d/run.sh" "$d/webgpu_baseline.mjs" > "$out/s9g-webgpu.txt" 2>&1
tail -n 45 "$out/s9g-sizes.txt"; grep -i "ring\|clearBuffer" "$out/s9g-webgpu.txt"
