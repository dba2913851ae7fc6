#!/usr/bin/env bash
# Session 9, run e: webcu's fills and copy with and without the immediate submission of large work (GPU
# time by events in one submission), and the recorder's flush policies with a synchronous enqueue loop.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
timeout 150 bash "$d/run.sh" "$d/fillk.mjs" > "$out/s9e-fillk.txt" 2>&1
timeout 150 bash "$d/run.sh" "$d/flush.mjs" > "$out/s9e-flush.txt" 2>&1
grep -v "^fill wg" "$out/s9e-fillk.txt"; cat "$out/s9e-flush.txt"
