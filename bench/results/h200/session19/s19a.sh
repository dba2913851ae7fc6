# Run a (session 19, issue 9): every issue-9 row on the final tree in one command, for the closing
# note: webgpu_baseline.mjs (raw Dawn) first and last, native CUDA (cuda_baseline.py, 100 calls), the memory
# suite with 100 calls per round (memsets, DtoD, 2D, batch; latency before and after the host transfers with
# the raw writeBuffer and copy + mapAsync peers), the host transfers by size (bench/xfer.ts, 1 MiB to 1 GiB).
#   bash bench/results/h200/session19/s19a.sh   (from the repo root; bundle in .gpu/s19/final.mjs)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout "$1" bash .gpu/run.sh "${@:2}"; }
m 40 .gpu/webgpu_baseline.mjs > "$out/s19a-webgpu.txt" 2>&1
timeout 90 python3 .gpu/cuda_baseline.py --size-mib 1024 --reps 100 > "$out/s19a-cuda.txt" 2>&1
m 200 .gpu/s19/final.mjs --suite memory --size-mib 1024 --reps 100 > "$out/s19a-mem.txt" 2>&1
m 170 .gpu/s19/final.mjs --suite xfer --size-mib 1024 > "$out/s19a-xfer.txt" 2>&1
{ echo "== webgpu_baseline.mjs again, at the end"; m 40 .gpu/webgpu_baseline.mjs; } >> "$out/s19a-webgpu.txt" 2>&1
cd "$out" && for f in s19a-*.txt; do echo "=== $f"; grep -v "^ *$" "$f"; done
