#!/usr/bin/env bash
# Session 9, issue 9 host transfers (branch xfer), one command on the H200: webgpu_baseline.mjs (raw
# Dawn peers), host transfers by size (bench/xfer.ts) for the tree before (xfer-old.mjs, built at e81df07
# with the bench code only), after (xfer-new.mjs: staging ring counts remapping buffers, snapshot slabs)
# and two variants (xfer-rb.mjs: new + readback pieces of half the ring; xfer-snap4.mjs: new keeping four
# rings' worth of free snapshot slabs), the 64 MiB default ring and a 256 MiB one; Dawn's own costs (bench/dawn-map.mjs); the raw peers again at the end.
#   bash .gpu/xfer/xfer-run.sh   (from the repo root; bundles and dawn-map.mjs in .gpu/xfer/)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout "$1" bash .gpu/run.sh "${@:2}"; }
x() { m "$1" ".gpu/xfer/xfer-$2.mjs" --suite xfer --size-mib 1024 "${@:3}"; }
{ nvidia-smi --query-gpu=name,driver_version --format=csv; nproc; grep -m1 "model name" /proc/cpuinfo; cat /sys/kernel/mm/transparent_hugepage/enabled; } > "$out/xfer-gpu.txt" 2>&1
m 35 .gpu/webgpu_baseline.mjs > "$out/xfer-webgpu.txt" 2>&1
x 45 old > "$out/xfer-old.txt" 2>&1
x 45 new > "$out/xfer-new.txt" 2>&1
m 50 .gpu/xfer/dawn-map.mjs > "$out/xfer-dawn-map.txt" 2>&1
x 40 rb > "$out/xfer-rb.txt" 2>&1
x 35 snap4 > "$out/xfer-snap4.txt" 2>&1
{ echo "== new, 256 MiB ring"; x 35 new --staging-mib 256; echo "== old, 256 MiB ring"; x 35 old --staging-mib 256; } > "$out/xfer-ring256.txt" 2>&1
{ echo "== webgpu_baseline.mjs again, at the end"; m 25 .gpu/webgpu_baseline.mjs; } >> "$out/xfer-webgpu.txt" 2>&1
cd "$out" && for f in xfer-*.txt; do echo "=== $f"; grep -v "^ *$" "$f" | tail -n 26; done
