# Run b (session 14): how many sequence positions a boundary-scan walk records (lz_scan.wgsl M: 128 in the
# tree, s14-main; 256 and 512 in s14-m256 / s14-m512, with WREC and LZ_WREC to match), on LZ4 and Snappy
# operations of 256 KiB-4 MiB (Snappy in 16 KiB pieces, LZ4 in 64 KiB: the tree since run a), alternated
# twice; then each build's piece passes alone (--phases) at 1 and 4 MiB.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary --algos LZ4,Snappy --decompress-mib 256"
date
for v in main m256 m512 main m256 m512; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s14-$v.mjs $B --sizes 262144,1048576,4194304 --reps 10 2>&1 | grep KiB
done > $OUT/s14b-m.txt
date
for v in main m256 m512; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s14-$v.mjs $B --sizes 1048576,4194304 --reps 5 --phases 2>&1 | grep -E "KiB|piece passes"
done > $OUT/s14b-phases.txt
date
cat $OUT/s14b-m.txt $OUT/s14b-phases.txt
