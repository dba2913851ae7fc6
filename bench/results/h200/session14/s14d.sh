# Run d (session 14): LZ4 operations of 256 KiB in pieces (s14-p128: PIECED_MIN 128 KiB) against one
# workgroup each (s14-main, the tree), alternated twice; then a CPU profile of back-to-back 1-16 MiB
# readbacks, pinned and pageable (issue 9: pinned 1 MiB calls read 3.4 GB/s whatever the readback buffer).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary --algos LZ4 --decompress-mib 256 --sizes 262144,1048576 --reps 10"
date
for v in main p128 main p128; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s14-$v.mjs $B 2>&1 | grep KiB
done > $OUT/s14d-lz4-256k.txt
date
XFER_OPS=DtoH bash .gpu/run.sh --cpu-prof --cpu-prof-dir=$OUT --cpu-prof-name=s14d-dtoh.cpuprofile .gpu/s14-main.mjs --suite xfer --size-mib 16 > $OUT/s14d-dtoh.txt 2>&1
xz -9 $OUT/s14d-dtoh.cpuprofile
date
cat $OUT/s14d-lz4-256k.txt $OUT/s14d-dtoh.txt
