# Run g (session 15): groups of one literal run copied a word per lane per step without resolve (s15-lit1:
# run f's four words a step cost LZ4 1-2% on real data) against the tree (s15-head, 082ac44), alternated twice.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
date
for v in head lit1 head lit1; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s15-$v.mjs $B --only text,json,binary,random --sizes 65536 2>&1 | grep KiB
done > $OUT/s15g-lit1.txt
date
