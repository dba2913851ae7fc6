# Run c (session 17, issue 9): where every issue-9 row stands on the tree of 9460499 + the new latency
# peers, in one command: webgpu_baseline.mjs (raw Dawn) first and last, the memory suite (memsets, DtoD,
# 2D, batch, latency before and after the host transfers, with the raw writeBuffer and copy + mapAsync
# peers), cuda_baseline.py (native CUDA), the host transfers by size (bench/xfer.ts, 1 MiB to 1 GiB).
#   bash bench/results/h200/session17/s17c.sh   (from the repo root; bundle in .gpu/s17/new.mjs)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout "$1" bash .gpu/run.sh "${@:2}"; }
m 40 .gpu/webgpu_baseline.mjs > "$out/s17c-webgpu.txt" 2>&1
m 200 .gpu/s17/new.mjs --suite memory --size-mib 1024 --reps 20 > "$out/s17c-mem.txt" 2>&1
timeout 90 python3 .gpu/cuda_baseline.py --size-mib 1024 --reps 20 > "$out/s17c-cuda.txt" 2>&1
m 150 .gpu/s17/new.mjs --suite xfer --size-mib 1024 > "$out/s17c-xfer.txt" 2>&1
{ echo "== webgpu_baseline.mjs again, at the end"; m 40 .gpu/webgpu_baseline.mjs; } >> "$out/s17c-webgpu.txt" 2>&1
cd "$out" && for f in s17c-*.txt; do echo "=== $f"; grep -v "^ *$" "$f"; done
