# Run b (session 17, issue 9): the smallest readback buffer (Staging.readbackMin) at 1, 4 and 16 MiB on the
# new tree (readbacks take another buffer rather than submit), alternated twice: bench/xfer.ts's DtoH rows
# up to 256 MiB and a 4-byte cuMemcpyDtoH round trip (median and p99 of 400). Then issue 10's host time
# per 4096-op decompression call (bench/hosttime.ts, real backend and Dawn's null backend), for later.
#   bash bench/results/h200/session17/s17b.sh   (from the repo root; bundles in .gpu/s17/ and .gpu/)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout "$1" bash .gpu/run.sh "${@:2}"; }
for rb in 1 4 16 1 4 16; do echo "== READBACK_MIB=$rb"; READBACK_MIB=$rb XFER_OPS=DtoH m 60 .gpu/s17/new.mjs --suite xfer --size-mib 256; done > "$out/s17b-xfer.txt" 2>&1
for b in real null real null; do echo "== $b"; if [ $b = null ]; then DAWN_FLAGS=backend=null m 60 .gpu/hosttime.mjs 4096 2000; else m 60 .gpu/hosttime.mjs 4096 2000; fi; done > "$out/s17b-host.txt" 2>&1
cd "$out" && for f in s17b-*.txt; do echo "=== $f"; grep -v "^ *$" "$f"; done
