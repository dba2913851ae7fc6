#!/usr/bin/env bash
# Session 10 run e: LZ4's group parse on subgroups (lz4_coop.wgsl) against the serial parse, same build,
# same GPU (NO_SUBGROUPS=1 leaves the feature out of the device); then kernel variants.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
A="--suite corpus --only text,binary,json,numbers,logs,random --sizes 65536,1048576 --algos LZ4 --decompress-mib 256 --reps 20"
bash .gpu/run.sh .gpu/bench.mjs $A > $OUT/s10e-subgroups.txt 2>&1
NO_SUBGROUPS=1 bash .gpu/run.sh .gpu/bench.mjs $A > $OUT/s10e-serial.txt 2>&1
SWEEP_ROWS=text:65536,binary:65536,numbers:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary,numbers --sizes 65536 --algos LZ4 --sweep --decompress-mib 256 --reps 20 > $OUT/s10e-sweep.txt 2>&1
cp .gpu/s10e.sh $OUT/
cat $OUT/s10e-subgroups.txt $OUT/s10e-serial.txt $OUT/s10e-sweep.txt
