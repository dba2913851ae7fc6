#!/usr/bin/env bash
# Session 8, the merged tree (copy_batch two-pass + TableWriter, batch host path, large LZ4 ops): memory suite,
# native CUDA, decompression suite, decompression host time and batch host time against de69b24, batch kernel.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 150 bash "$d/run.sh" "$@"; }
nvidia-smi --query-gpu=name,driver_version --format=csv > "$out/m9-gpu.txt" 2>&1; nproc >> "$out/m9-gpu.txt"
m "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$out/m9-mem.txt" 2>&1
timeout 90 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 > "$out/m9-cuda.txt" 2>&1
m "$d/bench.mjs" --suite decompress --decompress-mib 256 --reps 20 > "$out/m9-dec.txt" 2>&1
for v in new old new old; do echo "== host time $v"; m "$d/ht-$v.mjs" 4096 300; done > "$out/m9-ht.txt" 2>&1
for v in new old new old; do echo "== small copies $v"; ROUNDS=40 m "$d/hot-$v.mjs"; done > "$out/m9-hot.txt" 2>&1
m "$d/bk-new.mjs" > "$out/m9-bk.txt" 2>&1
grep -v "^ *$" "$out/m9-mem.txt" | tail -n 40; tail -n 24 "$out/m9-cuda.txt"; grep -v "^ *$" "$out/m9-dec.txt" | tail -n 22; cat "$out/m9-ht.txt"; grep -v "^ *$" "$out/m9-hot.txt"; cat "$out/m9-bk.txt"
