# Run f (session 14): LZ4/Snappy fixup resolving a word whose four bytes copy four consecutive final bytes
# with one load of them (final4; s14-fix4) against the tree (s14-tree, 5b6c369), alternated twice on
# 1 and 4 MiB operations; then the piece passes alone (--phases) of the new fixup.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary --algos LZ4,Snappy --decompress-mib 256"
date
for v in tree fix4 tree fix4; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s14-$v.mjs $B --sizes 1048576,4194304 --reps 10 2>&1 | grep KiB
done > $OUT/s14f-fix4.txt
date
for v in fix4; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s14-$v.mjs $B --sizes 1048576,4194304 --reps 5 --phases 2>&1 | grep -E "KiB|piece passes"
done > $OUT/s14f-phases.txt
date
cat $OUT/s14f-fix4.txt $OUT/s14f-phases.txt
