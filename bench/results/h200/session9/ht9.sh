#!/usr/bin/env bash
# Session 9, decompression host time (issue 10): bench/hosttime.ts on the hosttime branch (ht9-new) against
# 58c2119 (ht9-old, the same harness), alternated three times, min over 300 calls of 4096 operations; then a
# CPU profile of each (900 calls). Raw output in $OUT (default /tmp).
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
for v in new old new old new old; do echo "== host time $v"; timeout 60 bash "$d/run.sh" "$d/ht9-$v.mjs" 4096 300; done > "$out/ht9-ht.txt" 2>&1
for v in new old; do timeout 60 bash "$d/run.sh" --cpu-prof --cpu-prof-dir="$out" --cpu-prof-name="ht9-$v.cpuprofile" "$d/ht9-$v.mjs" 4096 300; done >> "$out/ht9-ht.txt" 2>&1
cat "$out/ht9-ht.txt"
