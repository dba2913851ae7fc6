# Run b (session 18): where a Deflate round's time goes (leader alone, copy lanes without loads of committed
# output, fewer resident workgroups), and the LZ4 breakdown refreshed on today's kernels; kernel alone, text
# and x86 code, 4096 and 132 operations of 64 KiB.
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
export SWEEP_ROWS=text:65536,binary:65536 SWEEP_COUNTS=132
SWEEP_ONLY='shipped|leader only|no loads of committed output|leader only, no storage barrier|+20 KiB workgroup memory|+28 KiB workgroup memory|WG 64|WG 128' \
  timeout 280 bash .gpu/run.sh .gpu/s18/dec.mjs --suite corpus --algos Deflate --decompress-mib 256 --reps 10 --only text,binary --sizes 65536 --sweep > "$out/s18b-deflate.txt" 2>&1
SWEEP_ONLY='shipped|parse only|no loads of earlier output|no literal loads|no output stores|no loads, no stores' \
  timeout 200 bash .gpu/run.sh .gpu/s18/dec.mjs --suite corpus --algos LZ4 --decompress-mib 256 --reps 10 --only text,binary --sizes 65536 --sweep > "$out/s18b-lz4.txt" 2>&1
cat "$out/s18b-deflate.txt" "$out/s18b-lz4.txt"
