# Run f (session 19, issue 10): run e's fast_group only in the one-operation-per-workgroup LZ4 decoders
# (lz_words.wgsl FAST_GROUP, set by oneOpPerGroup), which the API picks for dispatches of up to 3,584
# operations: 256 (pipelined, 64 invocations) and 2,048 (single, 32) x 64 KiB per call, five classes,
# before (old.mjs, HEAD) and after (new2.mjs), alternated twice; and the 4096-operation rows, which must
# not move (the paired decoder is unchanged).
#   bash bench/results/h200/session19/s19f.sh   (from the repo root; bundles in .gpu/s19/)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
for pass in 1 2; do for b in old new2; do for mib in 16 128 256; do echo "== $b, $mib MiB per call, pass $pass"
  timeout 120 bash .gpu/run.sh .gpu/s19/$b.mjs --suite corpus --algos LZ4 --decompress-mib $mib --reps 20 --only text,binary,json,logs,numbers --sizes 65536 2>&1 | grep -E "KiB|Error" | cut -c1-110
done; done; done > "$out/s19f-api.txt" 2>&1
cat "$out/s19f-api.txt"
