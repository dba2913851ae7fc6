#!/usr/bin/env bash
# Session 10 run c: LZ4/Snappy one-operation decoders with 2 operations per workgroup (16 lanes each) against
# 42c4e2f (one per 32-lane workgroup), one command; then the variants (ops per workgroup, group sizes).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
A="--suite corpus --only text,binary,json,numbers,logs --sizes 65536,1048576 --algos LZ4,Snappy --decompress-mib 256 --reps 20"
bash .gpu/run.sh .gpu/bench-base.mjs $A > $OUT/s10c-base.txt 2>&1
bash .gpu/run.sh .gpu/bench.mjs $A > $OUT/s10c-new.txt 2>&1
SWEEP_ROWS=text:65536,binary:65536,numbers:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary,numbers --sizes 65536 --algos LZ4,Snappy --sweep --decompress-mib 256 --reps 20 > $OUT/s10c-sweep.txt 2>&1
cp .gpu/s10c.sh $OUT/
grep -h 'GPU' $OUT/s10c-base.txt $OUT/s10c-new.txt; cat $OUT/s10c-sweep.txt
