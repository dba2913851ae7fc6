#!/usr/bin/env bash
# Session 8, final: large LZ4 operations with kept scratch (bench.mjs) against the commit before (bench-before.mjs),
# corpus suite (text, binary; 64 KiB, 1 MiB, 4 MiB), host time per call included; then bench/hosttime.ts of the
# final tree against de69b24, alternated.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
args=(--suite corpus --corpus "$d/corpus.br" --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 30 --algos LZ4)
for v in before "" ; do echo "== corpus ${v:-final}"; timeout 90 bash "$d/run.sh" "$d/bench${v:+-$v}.mjs" "${args[@]}"; done > "$out/m11-corpus.txt" 2>&1
for v in new old new old; do echo "== host time $v"; timeout 60 bash "$d/run.sh" "$d/ht-$v.mjs" 4096 300; done > "$out/m11-ht.txt" 2>&1
grep -v "^ *$" "$out/m11-corpus.txt" | tail -n 40; cat "$out/m11-ht.txt"
