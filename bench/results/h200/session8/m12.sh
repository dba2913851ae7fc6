#!/usr/bin/env bash
# Session 8, final tree: bench/hosttime.ts against de69b24, alternated three times.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
for v in new old new old new old; do echo "== host time $v"; timeout 60 bash "$d/run.sh" "$d/ht-$v.mjs" 4096 300; done > "$out/m12-ht.txt" 2>&1
cat "$out/m12-ht.txt"
