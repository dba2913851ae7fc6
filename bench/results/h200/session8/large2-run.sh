#!/usr/bin/env bash
# Issue 10, session 8 second pass: main b2af8d1 (before) and branch large2 (after: four bytes' links at once in
# the piece decoder, lockstep chasing in the fixup), LZ4 corpus suite on text and binary at 64 KiB, 1 MiB and
# 4 MiB; then the branch again (order check) and its piece passes alone (--phases).
set -u
d=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
args=(--suite corpus --corpus "$d/large2-corpus.br" --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 30 --algos LZ4)
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
timeout 80 bash "$d/run.sh" "$d/large2-before.mjs" "${args[@]}" --json "$out/corpus-before.json" > "$out/corpus-before.txt" 2>&1
echo "before rc=$?" >> "$out/gpu.txt"
timeout 80 bash "$d/run.sh" "$d/large2-after.mjs" "${args[@]}" --json "$out/corpus-after.json" > "$out/corpus-after.txt" 2>&1
echo "after rc=$?" >> "$out/gpu.txt"
timeout 80 bash "$d/run.sh" "$d/large2-after.mjs" "${args[@]}" --phases > "$out/corpus-after2.txt" 2>&1
echo "after2 (phases) rc=$?" >> "$out/gpu.txt"
cat "$out/gpu.txt"; grep "LZ4" "$out/corpus-before.txt" "$out/corpus-after.txt"; grep -v "^ *$" "$out/corpus-after2.txt" | tail -n 20
