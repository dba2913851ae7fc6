#!/usr/bin/env bash
# Session 9, run c (main after merging `snappy`): large Snappy ops in pieces (the helper's snappy-run.sh:
# before = 58c2119, after = this tree), fill kernels, the memory suite with CUDA, latency.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 150 bash "$d/run.sh" "$@"; }
m "$d/fillk.mjs" > "$out/s9c-fillk.txt" 2>&1
m "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/s9c-mem.txt" 2>&1
timeout 90 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 > "$out/s9c-cuda.txt" 2>&1
mkdir -p "$out/snappy"; CORPUS="$d/snappy-corpus.br" OUT="$out/snappy" bash "$d/snappy-run.sh" > "$out/s9c-snappy-tail.txt" 2>&1
tar czf "$out/s9c-snappy.tgz" -C "$out" snappy && rm -r "$out/snappy"
cat "$out/s9c-fillk.txt"; grep -v "^ *$" "$out/s9c-mem.txt" | tail -n 50; head -n 12 "$out/s9c-cuda.txt"; cat "$out/s9c-snappy-tail.txt"
