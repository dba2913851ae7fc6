# Run h (session 18): why random LZ4's wall time per call exceeds both its median host time and its GPU
# time (run g). The random and zeros rows, LZ4 and Snappy, 30 calls each, with every call's host time;
# three processes.
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization HOST_CALLS=1
for p in 1 2 3; do echo "== process $p"
  timeout 100 bash .gpu/run.sh .gpu/s18/final.mjs --suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 30 --only random,zeros --sizes 65536 2>&1 | grep -E "KiB|host ms per call"
done > "$out/s18h-host.txt" 2>&1
cat "$out/s18h-host.txt"
