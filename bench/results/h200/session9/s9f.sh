#!/usr/bin/env bash
# Session 9, run f: synchronous pageable transfers (cuMemcpyHtoD/DtoH) by size, and the pageable async ones
# again, next to raw WebGPU's rings in the same command.
set -u
d=$(cd "$(dirname "$0")" && pwd); out=${OUT:-/tmp}
XFER_OPS=pageable timeout 200 bash "$d/run.sh" "$d/bench.mjs" --suite xfer --size-mib 1024 > "$out/s9f-xfer.txt" 2>&1
timeout 100 bash "$d/run.sh" "$d/webgpu_baseline.mjs" > "$out/s9f-webgpu.txt" 2>&1
cat "$out/s9f-xfer.txt"; grep -i "ring\|writeBuffer" "$out/s9f-webgpu.txt"
