#!/usr/bin/env bash
# Session 10 run d: where the LZ4/Snappy word builder's time goes (ablations), group sizes at 2 ops per
# workgroup, Deflate without its chain cut and other round sizes; 1 MiB rows with the folded slot offsets.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
SWEEP_ROWS=text:65536,binary:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary --sizes 65536 --sweep --decompress-mib 256 --reps 20 > $OUT/s10d-sweep.txt 2>&1
bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary --sizes 1048576 --algos LZ4,Snappy --decompress-mib 256 --reps 20 > $OUT/s10d-1mib.txt 2>&1
cp .gpu/s10d.sh $OUT/
cat $OUT/s10d-sweep.txt $OUT/s10d-1mib.txt
