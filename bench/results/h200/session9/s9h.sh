#!/usr/bin/env bash
# Session 9, run h (final tree with event end stamps): memory suite with CUDA, webcu's fills by events
# (flushed and not), the decompression suite.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 200 bash "$d/run.sh" "$@"; }
m "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/s9h-mem.txt" 2>&1
timeout 90 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 > "$out/s9h-cuda.txt" 2>&1
m "$d/fillk.mjs" > "$out/s9h-fillk.txt" 2>&1
m "$d/bench.mjs" --suite decompress --decompress-mib 256 --reps 20 > "$out/s9h-dec.txt" 2>&1
grep -v "^ *$" "$out/s9h-mem.txt" | head -n 60; head -n 12 "$out/s9h-cuda.txt"; grep webcu "$out/s9h-fillk.txt"; grep -v "^ *$" "$out/s9h-dec.txt" | tail -n 22
