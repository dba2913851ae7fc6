#!/usr/bin/env bash
# Issue 10, session 8 run 2: the branch after the check pass and the link bitmap: corpus suite (LZ4 and
# Snappy, text and binary, 64 KiB .. 4 MiB) with the piece passes timed alone (--phases).
set -u
d=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
DAWN_FLAGS=disable-dawn-features=timestamp_quantization timeout 400 bash "$d/run.sh" "$d/large-after2.mjs" --suite corpus \
  --corpus "$d/large-corpus.br" --only text,binary --sizes 65536,262144,1048576,4194304 --algos LZ4,Snappy --decompress-mib 256 \
  --reps 30 --phases --json "$out/corpus-after2.json" > "$out/corpus-after2.txt" 2>&1
echo "rc=$?" >> "$out/gpu.txt"
cat "$out/gpu.txt"; tail -n 40 "$out/corpus-after2.txt"
