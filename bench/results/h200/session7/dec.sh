#!/usr/bin/env bash
# Issue 10 (decompression), session 7, one H200 command: host time per 4096-op call before (main) and
# after (branch dec), alternating, then the real-data corpus with the LZ4 boundary scan (--scan).
set -u
d=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
for round in 1 2; do
  for v in main dec; do bash "$d/run.sh" "$d/hosttime-$v.mjs" 4096 400 >> "$out/hosttime-$v.txt" 2>&1; done
done
DAWN_FLAGS=disable-dawn-features=timestamp_quantization bash "$d/run.sh" "$d/bench-dec.mjs" --suite corpus \
  --corpus "$d/corpus.br" --decompress-mib 256 --reps 30 --scan --json "$out/corpus.json" > "$out/corpus.txt" 2>&1
cat "$out/gpu.txt" "$out/hosttime-main.txt" "$out/hosttime-dec.txt"
tail -n 70 "$out/corpus.txt"
