# Run c (session 15): where the host time of cuMemBatchDecompressAsync goes on the H200 host: bench/hosttime.ts
# (4096 tiny LZ4 operations, min/median of 2000 calls) on the real device and on Dawn's null backend, with a
# CPU profile of the real one; then the corpus's random and zeros rows (host ms/call next to GPU time).
set -u
date
for i in 1 2; do
  CASE=plain bash .gpu/run.sh .gpu/hosttime.mjs 4096 2000
  CASE=plain DAWN_FLAGS=backend=null bash .gpu/run.sh .gpu/hosttime.mjs 4096 2000
done 2>&1 | tee $OUT/s15c-host.txt
CASE=plain bash .gpu/run.sh --cpu-prof --cpu-prof-dir=$OUT .gpu/hosttime.mjs 4096 2000 2>&1 | tee -a $OUT/s15c-host.txt
xz -9 $OUT/*.cpuprofile
DAWN_FLAGS=disable-dawn-features=timestamp_quantization bash .gpu/run.sh .gpu/s15.mjs --suite corpus --only random,zeros --sizes 65536 --decompress-mib 256 --reps 30 2>&1 | grep KiB | tee $OUT/s15c-corpus.txt
date
