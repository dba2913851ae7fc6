#!/usr/bin/env bash
# Session 11 run c. .gpu/bench-before.mjs = 5440ff5 (session 10's final tree), .gpu/bench-after.mjs = the find prefilter commit after 9c6d7d3
# (large Deflate operations in pieces; PAIRED_MIN_OPS 3,584). On the device, carry [".gpu"]:
# mkdir -p $OUT && bash .gpu/s11c.sh
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
run() { bash .gpu/run.sh "$@"; }
# 1. Deflate at every chunk size, builds alternated twice.
for i in 1 2; do
  for b in before after; do
    run .gpu/bench-$b.mjs --suite corpus --only text,binary --algos Deflate --decompress-mib 256 --reps 20 > $OUT/s11c-deflate-$b-$i.txt 2>&1
  done
done
# 2. The whole corpus on the final tree.
run .gpu/bench-after.mjs --suite corpus --decompress-mib 256 --reps 20 > $OUT/s11c-corpus.txt 2>&1
# 3. The paired threshold again, with text LZ4 (run b's file did not come back).
SWEEP_ONLY='shipped|1 op per workgroup' SWEEP_COUNTS=3072,3584,3840 SWEEP_ROWS=text:65536,binary:65536 run .gpu/bench-after.mjs --suite corpus --only text,binary --sizes 65536 --algos LZ4,Snappy --sweep --decompress-mib 256 --reps 20 > $OUT/s11c-threshold.txt 2>&1
grep -h "Deflate" $OUT/s11c-deflate-*.txt
cat $OUT/s11c-threshold.txt
