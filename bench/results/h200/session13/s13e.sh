# Run e (session 13): the tree with the new large Deflate pipeline (42c2686, bundle s13-final) over the
# whole corpus; its large Deflate rows alternated with the tree before (51159f5, s13-head) and with fixup
# in workgroups of the device's largest size up to 1024 (fixwg, override FIX_WG; 256 before).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
date
bash .gpu/run.sh .gpu/s13-final.mjs --suite corpus --decompress-mib 256 --reps 20 > $OUT/s13e-corpus.txt 2>&1
date
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304 --reps 10"
for v in head final fixwg head final fixwg; do
  echo "== $v"
  bash .gpu/run.sh .gpu/s13-$v.mjs $L 2>&1 | grep Deflate
done > $OUT/s13e-large.txt
date
cat $OUT/s13e-large.txt; grep KiB $OUT/s13e-corpus.txt
