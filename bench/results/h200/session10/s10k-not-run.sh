#!/usr/bin/env bash
# Session 10 run k: Deflate with two operations per 96-invocation workgroup (two leaders in the first warp,
# a copy warp each) against one, kernels alone, at 4096, 2112 and 132 operations.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
SWEEP_ONLY='shipped|1 op per workgroup' SWEEP_COUNTS=132,2112 SWEEP_ROWS=text:65536,binary:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary --sizes 65536 --algos Deflate --sweep --decompress-mib 256 --reps 20 > $OUT/s10k-deflate.txt 2>&1
cp .gpu/s10k.sh $OUT/
cat $OUT/s10k-deflate.txt
