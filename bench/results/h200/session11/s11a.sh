#!/usr/bin/env bash
# Session 11 run a: this is session 10's s10m-not-run.sh, run as it stands (its outputs renamed s11a-*.txt).
# Not run (no device time left in session 10). With deflate-two-ops+lz-pipelined.diff applied (both changes,
# conflicts resolved; the library then uses two ops per workgroup above 2,048 operations for every
# algorithm, the pipelined LZ4/Snappy decoder for 257-2,048, the one-op Deflate decoder below that):
# kernels alone, each change against its alternatives, then the API rows. About 2-3 minutes of device time.
# Steps: git apply bench/results/h200/session10/deflate-two-ops+lz-pipelined.diff; bash ../shared/gpu/prepare.sh;
# node bench/corpus.mjs (writes .gpu/corpus.br); OUTFILE=.gpu/bench.mjs node bench/build.mjs;
# cp bench/results/h200/session10/s10m-not-run.sh .gpu/s10m.sh; then on the device, carry [".gpu"]:
# mkdir -p $OUT && bash .gpu/s10m.sh
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
SWEEP_ONLY='shipped|1 op per workgroup' SWEEP_COUNTS=132,2112 SWEEP_ROWS=text:65536,binary:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary --sizes 65536 --algos Deflate --sweep --decompress-mib 256 --reps 20 > $OUT/s10m-deflate.txt 2>&1
SWEEP_ONLY='shipped|1 op per workgroup|pipelined: 64 wide, 1 op, parse and words overlapped|64 wide, 1 op (the library for <= 256 ops)' SWEEP_COUNTS=256,1024,2048 SWEEP_ROWS=text:65536,binary:65536,text:262144,binary:262144 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text,binary --sizes 65536,262144 --algos LZ4,Snappy --sweep --decompress-mib 256 --reps 20 > $OUT/s10m-lz.txt 2>&1
bash .gpu/run.sh .gpu/bench.mjs --suite corpus --decompress-mib 256 --reps 20 > $OUT/s10m-corpus.txt 2>&1
# One operation's latency (132 operations, one per SM) against the group size: per-round cost against per-sequence cost.
SWEEP_ONLY='shipped|batch x1.5|batch x2|batch /2|parse only' SWEEP_COUNTS=132 SWEEP_ROWS=text:65536 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text --sizes 65536 --algos LZ4 --sweep --decompress-mib 256 --reps 20 > $OUT/s10m-groups.txt 2>&1
# What Dawn's bounds clamping costs the LZ77 decoders (their inner loops index workgroup arrays a lot).
SWEEP_ONLY='shipped|parse only' SWEEP_COUNTS=132 SWEEP_ROWS=text:65536 DAWN_FLAGS=disable-dawn-features=timestamp_quantization,enable-dawn-features=disable_robustness bash .gpu/run.sh .gpu/bench.mjs --suite corpus --only text --sizes 65536 --algos LZ4,Snappy --sweep --decompress-mib 256 --reps 20 > $OUT/s10m-norobust.txt 2>&1
cat $OUT/s10m-*.txt
