#!/usr/bin/env bash
# Session 10 run b: decoders without the group cut (LZ4 8 / Snappy 16 sequences per group, window loads
# hoisted) against HEAD (cffdee7) in one command; then the variants around the new decoders.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
A="--suite corpus --only text,binary,numbers --sizes 65536,1048576 --algos LZ4,Snappy --decompress-mib 256 --reps 20"
bash .gpu/run.sh .gpu/bench-base.mjs $A > $OUT/s10b-base.txt 2>&1
bash .gpu/run.sh .gpu/bench.mjs $A > $OUT/s10b-new.txt 2>&1
bash .gpu/run.sh .gpu/bench-base.mjs $A > $OUT/s10b-base2.txt 2>&1
SWEEP_ROWS=text:65536,binary:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary --sizes 65536 --algos LZ4,Snappy --sweep --decompress-mib 256 --reps 20 > $OUT/s10b-sweep.txt 2>&1
cp .gpu/s10b.sh $OUT/
grep -h 'GPU' $OUT/s10b-base.txt $OUT/s10b-new.txt $OUT/s10b-base2.txt; cat $OUT/s10b-sweep.txt
