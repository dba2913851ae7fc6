#!/usr/bin/env bash
# Issue 10, large LZ4 operations in pieces (branch large), session 8 run 1: the corpus suite on text and binary,
# 64 KiB .. 4 MiB, main (before) and the branch (after), in one command.
set -u
d=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
for v in before after; do
  DAWN_FLAGS=disable-dawn-features=timestamp_quantization timeout 280 bash "$d/run.sh" "$d/large-$v.mjs" --suite corpus \
    --corpus "$d/large-corpus.br" --only text,binary --sizes 65536,262144,1048576,4194304 --decompress-mib 256 --reps 30 \
    --json "$out/corpus-$v.json" > "$out/corpus-$v.txt" 2>&1
  echo "$v rc=$?" >> "$out/gpu.txt"
done
cat "$out/gpu.txt"; tail -n 30 "$out/corpus-before.txt" "$out/corpus-after.txt"
