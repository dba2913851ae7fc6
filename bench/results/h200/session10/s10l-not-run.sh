#!/usr/bin/env bash
# Not run (no device time left in session 10). With lz-pipelined.diff applied: the LZ4/Snappy decoders with
# the parse and the words of one operation overlapped in two halves of a 64-wide workgroup, against one op
# per 32-wide workgroup and the 64-wide variant, at 256 / 1,024 / 2,048 operations and on 256 KiB chunks
# (1,024 operations: the library's pipelined path with the diff).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
SWEEP_ONLY='shipped|1 op per workgroup|pipelined: 64 wide, 1 op, parse and words overlapped|64 wide, 1 op (the library for <= 256 ops)' SWEEP_COUNTS=256,1024,2048 SWEEP_ROWS=text:65536,binary:65536,text:262144,binary:262144 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary --sizes 65536,262144 --algos LZ4,Snappy --sweep --decompress-mib 256 --reps 20 > $OUT/s10l-pipelined.txt 2>&1
cp .gpu/s10l.sh $OUT/ 2>/dev/null
cat $OUT/s10l-pipelined.txt
