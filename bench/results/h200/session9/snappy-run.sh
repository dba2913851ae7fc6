#!/usr/bin/env bash
# Issue 10, session 9 (branch `snappy`): large Snappy operations decoded in pieces. Corpus suite on text and
# binary, Snappy at 64 KiB .. 4 MiB and LZ4 at 64 KiB, 1 MiB, 4 MiB (unchanged code, a regression check),
# main 58c2119 (before) and the branch (after) in one command; then the branch's Snappy piece passes alone.
# Setup (in each tree): OUTFILE=.gpu/snappy-before.mjs node bench/build.mjs (at 58c2119),
# OUTFILE=.gpu/snappy-after.mjs node bench/build.mjs (branch); copy both and this script into .gpu/, with
# the corpus as .gpu/corpus.br (node bench/corpus.mjs .gpu/corpus.br) or named by CORPUS.
set -u
d=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$out/gpu.txt" 2>&1
args=(--suite corpus --corpus "${CORPUS:-$d/corpus.br}" --only text,binary --decompress-mib 256 --reps 30)
snappy=(--sizes 65536,262144,1048576,4194304 --algos Snappy)
lz4=(--sizes 65536,1048576,4194304 --algos LZ4)
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
for v in before after; do
  timeout 150 bash "$d/run.sh" "$d/snappy-$v.mjs" "${args[@]}" "${snappy[@]}" --json "$out/snappy-$v.json" > "$out/snappy-$v.txt" 2>&1
  echo "$v Snappy rc=$?" >> "$out/gpu.txt"
  timeout 90 bash "$d/run.sh" "$d/snappy-$v.mjs" "${args[@]}" "${lz4[@]}" > "$out/lz4-$v.txt" 2>&1
  echo "$v LZ4 rc=$?" >> "$out/gpu.txt"
done
timeout 150 bash "$d/run.sh" "$d/snappy-after.mjs" "${args[@]}" --sizes 1048576,4194304 --algos Snappy --phases > "$out/snappy-phases.txt" 2>&1
echo "phases rc=$?" >> "$out/gpu.txt"
cat "$out/gpu.txt"; grep "Snappy\|LZ4" "$out"/snappy-before.txt "$out"/snappy-after.txt "$out"/lz4-before.txt "$out"/lz4-after.txt
grep -v "^ *$" "$out/snappy-phases.txt" | tail -n 12
