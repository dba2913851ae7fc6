#!/usr/bin/env bash
# Session 10 run j: the final tree — two LZ4/Snappy operations per workgroup only for dispatches of more than
# 2048 operations (PAIRED_MIN_OPS); 1024 x 256 KiB LZ4 back on one operation per workgroup.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary --sizes 65536,262144,1048576 --algos LZ4,Snappy --decompress-mib 256 --reps 20 > $OUT/s10j-corpus.txt 2>&1
cp .gpu/s10j.sh $OUT/
cat $OUT/s10j-corpus.txt
