#!/usr/bin/env bash
# Session 10 run g: each decoder on fewer operations (132 = one per SM ... 4096), to see whether a 4096-op
# batch is one wave of resident workgroups or several; Snappy with a literal and its copy in one parse step.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
SWEEP_COUNTS=132,264,528,1056,1584,2112,2772,3168,4096 SWEEP_ROWS=text:65536,binary:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary --sizes 65536 --sweep --decompress-mib 256 --reps 20 > $OUT/s10g-counts.txt 2>&1
cp .gpu/s10g.sh $OUT/
grep -v '^  kernel [a-z]' $OUT/s10g-counts.txt; grep 'operations' $OUT/s10g-counts.txt | head -0
