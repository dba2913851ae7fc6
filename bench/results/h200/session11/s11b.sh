#!/usr/bin/env bash
# Session 11 run b. Builds: .gpu/bench-before.mjs = 5440ff5 (session 10's final tree), .gpu/bench-after.mjs =
# this session's tree (pipelined LZ4/Snappy rounds for dispatches of <= 256 ops; the piece decoder with two
# pieces per workgroup for piece dispatches of more than PAIRED_MIN_OPS). Both: OUTFILE=... node bench/build.mjs.
# On the device, carry [".gpu"]: mkdir -p $OUT && bash .gpu/s11b.sh
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
run() { bash .gpu/run.sh "$@"; }
# 1. Through the API, 256 operations per call (the pipelined decoder), builds alternated twice.
for i in 1 2; do
  for b in before after; do
    run .gpu/bench-$b.mjs --suite corpus --only text,binary --sizes 65536 --algos LZ4,Snappy --decompress-mib 16 --reps 40 > $OUT/s11b-256ops-$b-$i.txt 2>&1
    run .gpu/bench-$b.mjs --suite corpus --only text,binary --sizes 262144 --algos LZ4 --decompress-mib 64 --reps 40 >> $OUT/s11b-256ops-$b-$i.txt 2>&1
  done
done
# 2. Large operations in pieces (1 MiB x 256, 4 MiB x 64: 4096 pieces each), builds alternated twice, 64 KiB rows for the ratio.
for i in 1 2; do
  for b in before after; do
    run .gpu/bench-$b.mjs --suite corpus --only text,binary --sizes 65536,1048576,4194304 --algos LZ4,Snappy --decompress-mib 256 --reps 20 > $OUT/s11b-large-$b-$i.txt 2>&1
  done
done
run .gpu/bench-after.mjs --suite corpus --only text,binary --sizes 1048576,4194304 --algos LZ4,Snappy --decompress-mib 256 --reps 20 --phases > $OUT/s11b-phases-after.txt 2>&1
# 3. Where two ops per workgroup starts to pay: kernels alone at 2048-4096 ops.
SWEEP_ONLY='shipped|1 op per workgroup' SWEEP_COUNTS=2048,2560,3072,3584 SWEEP_ROWS=text:65536,binary:65536 run .gpu/bench-after.mjs --suite corpus --only text,binary --sizes 65536 --algos LZ4,Snappy --sweep --decompress-mib 256 --reps 20 > $OUT/s11b-threshold.txt 2>&1
grep -h "x 64 KiB\|x 256 KiB\|x 1024 KiB\|x 4096 KiB" $OUT/s11b-256ops-*.txt $OUT/s11b-large-*.txt | head -80
cat $OUT/s11b-threshold.txt $OUT/s11b-phases-after.txt | tail -60
