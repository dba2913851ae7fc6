#!/usr/bin/env bash
# Session 8, issue 8: copy_batch two-pass (vec4 interior + edge pass) and decompression's commit through it,
# against de69b24 (the atomic one-pass copy_batch and decompress_commit.wgsl), alternated in one command.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 120 bash "$d/run.sh" "$@"; }
nvidia-smi --query-gpu=name,driver_version --format=csv > "$out/m8-gpu.txt" 2>&1
for i in 1 2; do
  for v in old new; do echo "== batch kernel $v ($i)"; m "$d/bk-$v.mjs"; done
done > "$out/m8-batch.txt" 2>&1
for v in old new; do echo "== decompress suite $v"; m "$d/bench-$v.mjs" --suite decompress --decompress-mib 256 --reps 20; done > "$out/m8-dec.txt" 2>&1
for v in old new new old; do echo "== host time $v"; m "$d/ht-$v.mjs" 4096 300; done > "$out/m8-ht.txt" 2>&1
cat "$out/m8-batch.txt"; grep -v "^ *$" "$out/m8-dec.txt" | tail -n 40; cat "$out/m8-ht.txt"
