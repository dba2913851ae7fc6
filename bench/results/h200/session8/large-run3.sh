#!/usr/bin/env bash
# Issue 10, session 8 run 3: main (before) and the branch (after: links read with independent loads, 256-wide
# fixup, 128-position walks), corpus suite on text and binary, 64 KiB .. 4 MiB, with the piece passes alone
# and the piece pipeline in variants (piece size, workgroup width).
set -u
d=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
args=(--suite corpus --corpus "$d/large-corpus.br" --only text,binary --sizes 65536,262144,1048576,4194304 --decompress-mib 256 --reps 30)
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
timeout 330 bash "$d/run.sh" "$d/large-after3.mjs" "${args[@]}" --algos LZ4,Snappy --phases --json "$out/corpus-after.json" > "$out/corpus-after.txt" 2>&1
echo "after rc=$?" >> "$out/gpu.txt"
timeout 200 bash "$d/run.sh" "$d/large-before.mjs" "${args[@]}" --json "$out/corpus-before.json" > "$out/corpus-before.txt" 2>&1
echo "before rc=$?" >> "$out/gpu.txt"
cat "$out/gpu.txt"; grep -v "^ *$" "$out/corpus-after.txt" | tail -n 40; grep "LZ4\|Snappy" "$out/corpus-before.txt"
