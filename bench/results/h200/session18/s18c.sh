# Run c (session 18): is Deflate's 4096-operation batch bound by how many workgroups fit an SM's workgroup
# memory? Margins (+1 / +2 KiB), smaller tables and rounds (less memory), the leader's source prefetched
# four words ahead; and the shipped kernel on 1584..2772 operations (12..21 per SM) to find the wave size.
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
SWEEP_ROWS=text:65536,binary:65536 SWEEP_COUNTS=132 \
SWEEP_ONLY='shipped|no storage barrier|+1 KiB workgroup memory|+2 KiB workgroup memory|LBITS 8, DBITS 7|NCMD 16, LITCAP 64|LBITS 8, DBITS 7, NCMD 16, LITCAP 64|prefetch 4 words' \
  timeout 250 bash .gpu/run.sh .gpu/s18/dec.mjs --suite corpus --algos Deflate --decompress-mib 256 --reps 10 --only text,binary --sizes 65536 --sweep > "$out/s18c-deflate.txt" 2>&1
SWEEP_ROWS=text:65536 SWEEP_COUNTS=1584,1716,1848,1980,2112,2376,2772 SWEEP_ONLY='shipped|LBITS 8, DBITS 7, NCMD 16, LITCAP 64' \
  timeout 150 bash .gpu/run.sh .gpu/s18/dec.mjs --suite corpus --algos Deflate --decompress-mib 256 --reps 10 --only text --sizes 65536 --sweep > "$out/s18c-waves.txt" 2>&1
cat "$out/s18c-deflate.txt" "$out/s18c-waves.txt"
