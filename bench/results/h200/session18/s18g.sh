# Run g (session 18): the final tree through the API, every class at 64 KiB and text/binary at 256 KiB-4
# MiB for LZ4, Snappy and Deflate (GPU time from events, wall-clock, host time per call).
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
timeout 400 bash .gpu/run.sh .gpu/s18/final.mjs --suite corpus --algos LZ4,Snappy,Deflate --decompress-mib 256 --reps 10 --sizes 65536,262144,1048576,4194304 2>&1 | grep KiB > "$out/s18g-corpus.txt"
cat "$out/s18g-corpus.txt"
