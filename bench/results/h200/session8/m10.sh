#!/usr/bin/env bash
# Session 8, final tree (m9 plus flat batch tables and per-stream queues): the same rows as m9.

set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 150 bash "$d/run.sh" "$@"; }
nvidia-smi --query-gpu=name,driver_version --format=csv > "$out/m10-gpu.txt" 2>&1; nproc >> "$out/m10-gpu.txt"
m "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/m10-mem.txt" 2>&1
timeout 90 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 > "$out/m10-cuda.txt" 2>&1
m "$d/bench.mjs" --suite decompress --decompress-mib 256 --reps 20 > "$out/m10-dec.txt" 2>&1
for v in new old new old; do echo "== host time $v"; m "$d/ht-$v.mjs" 4096 300; done > "$out/m10-ht.txt" 2>&1
for v in new old new old; do echo "== small copies $v"; ROUNDS=40 m "$d/hot-$v.mjs"; done > "$out/m10-hot.txt" 2>&1
m "$d/bk-new.mjs" > "$out/m10-bk.txt" 2>&1
grep -v "^ *$" "$out/m10-mem.txt" | tail -n 40; tail -n 24 "$out/m10-cuda.txt"; grep -v "^ *$" "$out/m10-dec.txt" | tail -n 22; cat "$out/m10-ht.txt"; grep -v "^ *$" "$out/m10-hot.txt"; cat "$out/m10-bk.txt"
