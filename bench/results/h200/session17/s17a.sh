# Run a (session 17, issue 9): readbacks back to back in one submission. bench/xfer.ts's DtoH rows
# (1 MiB to 1 GiB, pinned, pageable, synchronous pageable) for the tree before (old = b1e4e2d: a readback
# that does not fit the submission's one readback buffer submits it) and after (new: it takes another
# readback buffer; the submission goes at a quarter ring), alternated twice; then new with 4 MiB readback
# buffers (READBACK_MIB=4); webgpu_baseline.mjs (raw Dawn MAP_READ rings) first and last.
#   bash bench/results/h200/session17/s17a.sh   (from the repo root; bundles in .gpu/s17/)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout "$1" bash .gpu/run.sh "${@:2}"; }
x() { XFER_OPS=DtoH m "$1" ".gpu/s17/$2.mjs" --suite xfer --size-mib 1024 "${@:3}"; }
{ nvidia-smi --query-gpu=name,driver_version --format=csv; nproc; grep -m1 "model name" /proc/cpuinfo; } > "$out/s17a-gpu.txt" 2>&1
m 40 .gpu/webgpu_baseline.mjs > "$out/s17a-webgpu.txt" 2>&1
for v in old new old new; do echo "== $v"; x 60 $v; done > "$out/s17a-xfer.txt" 2>&1
{ echo "== new, READBACK_MIB=4"; READBACK_MIB=4 x 60 new; } >> "$out/s17a-xfer.txt" 2>&1
{ echo "== webgpu_baseline.mjs again, at the end"; m 40 .gpu/webgpu_baseline.mjs; } >> "$out/s17a-webgpu.txt" 2>&1
cd "$out" && for f in s17a-*.txt; do echo "=== $f"; grep -v "^ *$" "$f"; done
