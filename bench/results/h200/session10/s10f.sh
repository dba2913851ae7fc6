#!/usr/bin/env bash
# Session 10 run f: LZ4/Snappy kernel variants: the fast path's loads in one round, single loads for runs
# inside one word (bench/corpus.ts SWEEP).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
SWEEP_ROWS=text:65536,binary:65536,numbers:65536,json:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary,numbers,json --sizes 65536 --algos LZ4,Snappy --sweep --decompress-mib 256 --reps 20 > $OUT/s10f-sweep.txt 2>&1
cp .gpu/s10f.sh $OUT/
cat $OUT/s10f-sweep.txt
