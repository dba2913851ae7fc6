#!/usr/bin/env bash
# Session 10 run i: what one operation's latency is made of — variants at 132 operations (one per SM) and
# at 4096: the round's storage barrier, the parse alone, the loads of earlier output.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
SWEEP_ONLY='shipped|parse only|no storage barrier|parse only, no storage barrier|no loads of earlier output|no loads, no stores' SWEEP_COUNTS=132 SWEEP_ROWS=text:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text --sizes 65536 --sweep --decompress-mib 256 --reps 20 > $OUT/s10i-latency.txt 2>&1
cp .gpu/s10i.sh $OUT/
grep kernel $OUT/s10i-latency.txt
