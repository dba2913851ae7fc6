#!/usr/bin/env bash
# Session 9, run i: decompression wall-clock against GPU event time where the host could bound it
# (random, zeros, logs; 4096 x 64 KiB), final tree.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
timeout 240 bash "$d/run.sh" "$d/bench.mjs" --suite corpus --corpus "$d/snappy-corpus.br" --only random,zeros,logs,json --decompress-mib 256 --reps 30 --sizes 65536 > "$out/s9i-corpus.txt" 2>&1
cat "$out/s9i-corpus.txt"
