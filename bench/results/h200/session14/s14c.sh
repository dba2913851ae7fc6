# Run c (session 14): join takes check's exit whenever the true entry is the one check assumed, merged or
# not (s14-join) against the tree before (s14-head, 80966a6), alternated twice on LZ4 and Snappy operations
# of 256 KiB-4 MiB; then the piece passes alone (--phases) with the new join.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,binary --algos LZ4,Snappy --decompress-mib 256"
date
for v in head join head join; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s14-$v.mjs $B --sizes 262144,1048576,4194304 --reps 10 2>&1 | grep KiB
done > $OUT/s14c-join.txt
date
bash .gpu/run.sh .gpu/s14-join.mjs $B --sizes 1048576,4194304 --reps 5 --phases 2>&1 | grep -E "KiB|piece passes" > $OUT/s14c-phases.txt
date
cat $OUT/s14c-join.txt $OUT/s14c-phases.txt
