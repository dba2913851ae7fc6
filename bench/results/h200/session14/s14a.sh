# Run a (session 14): LZ4/Snappy piece sizes (Device.lzPiece, bench --lz-piece) on 256 KiB-4 MiB ops, the
# current phases of the piece pipeline, and 64 KiB ops cut into pieces (bundle s14-p32: PIECED_MIN and
# SNAPPY_PIECED_MIN 32 KiB). s14-main is the tree with the lzPiece option (default 64 KiB: the shipped tree).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary --algos LZ4,Snappy --decompress-mib 256"
date
bash .gpu/run.sh .gpu/s14-main.mjs $B --reps 20 > $OUT/s14a-base.txt 2>&1
date
for p in 32768 16384 65536 131072 32768 16384 65536; do
  echo "== lz-piece $p"
  bash .gpu/run.sh .gpu/s14-main.mjs $B --sizes 262144,1048576,4194304 --reps 10 --lz-piece $p 2>&1 | grep KiB
done > $OUT/s14a-pieces.txt
date
for p in 32768 16384 32768 16384; do
  echo "== 64 KiB ops in pieces, lz-piece $p"
  bash .gpu/run.sh .gpu/s14-p32.mjs $B --sizes 65536 --reps 10 --lz-piece $p 2>&1 | grep KiB
done > $OUT/s14a-p32.txt
date
bash .gpu/run.sh .gpu/s14-main.mjs $B --sizes 1048576,4194304 --reps 5 --phases > $OUT/s14a-phases.txt 2>&1
date
cat $OUT/s14a-pieces.txt $OUT/s14a-p32.txt; grep -E "KiB|piece" $OUT/s14a-base.txt $OUT/s14a-phases.txt
