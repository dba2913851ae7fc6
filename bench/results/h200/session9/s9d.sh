#!/usr/bin/env bash
# Session 9, run d (final tree): fill kernels; memory suite with CUDA and raw WebGPU; host transfers
# (readback buffer 1/4/16 MiB); decompression host time (new vs 58c2119, alternated); Snappy 64/256 KiB
# and every algorithm's 64 KiB text/binary rows (pre = main before Snappy's 128 KiB threshold); latency.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}; w="$out/d"; mkdir -p "$w"
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout 150 bash "$d/run.sh" "$@"; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv > "$w/gpu.txt" 2>&1
m "$d/fillk.mjs" > "$w/fillk.txt" 2>&1
m "$d/bench.mjs" --suite memory --size-mib 1024 --reps 20 > "$w/mem.txt" 2>&1
timeout 90 python3 "$d/cuda_baseline.py" --size-mib 1024 --reps 20 > "$w/cuda.txt" 2>&1
m "$d/webgpu_baseline.mjs" > "$w/webgpu.txt" 2>&1
for r in 1 4 16; do echo "== readback min $r MiB"; READBACK_MIB=$r XFER_OPS=DtoH m "$d/bench.mjs" --suite xfer --size-mib 1024; done > "$w/xfer-dtoh.txt" 2>&1
XFER_OPS=HtoD m "$d/bench.mjs" --suite xfer --size-mib 1024 > "$w/xfer-htod.txt" 2>&1
for v in new old new old new old; do echo "== host time $v"; timeout 60 bash "$d/run.sh" "$d/ht9-$v.mjs" 4096 300; done > "$w/ht.txt" 2>&1
args=(--suite corpus --corpus "$d/snappy-corpus.br" --only text,binary --decompress-mib 256 --reps 30)
for v in pre bench; do echo "== $v"; m "$d/$v.mjs" "${args[@]}" --sizes 65536,262144 --algos Snappy; done > "$w/corpus-snappy.txt" 2>&1
m "$d/bench.mjs" "${args[@]}" --sizes 65536,1048576 --algos LZ4,Deflate > "$w/corpus-lz4-deflate.txt" 2>&1
m "$d/lat9.mjs" > "$w/lat.txt" 2>&1
tar czf "$out/s9d.tgz" -C "$out" d
cat "$w/fillk.txt" | head -20; grep -v "^ *$" "$w/mem.txt" | tail -n 52; head -n 12 "$w/cuda.txt"; grep -i "ring\|MAP_READ" "$w/webgpu.txt"
cat "$w/xfer-dtoh.txt" "$w/xfer-htod.txt" "$w/ht.txt" "$w/corpus-snappy.txt" "$w/corpus-lz4-deflate.txt" "$w/lat.txt" | grep -v "^ *$"
