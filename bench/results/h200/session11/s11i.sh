set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
bash .gpu/run.sh .gpu/bench-find.mjs --suite corpus --only text,binary --algos Deflate --decompress-mib 256 --reps 10 > $OUT/s11i-deflate.txt 2>&1
for p in find; do
  echo "== passes $p"
  PASSES=$p bash .gpu/run.sh .gpu/bench-passes.mjs --suite corpus --only text,binary --algos Deflate --sizes 1048576,4194304 --decompress-mib 256 --reps 5 2>&1 | grep Deflate
done > $OUT/s11i-passes.txt
cat $OUT/s11i-deflate.txt $OUT/s11i-passes.txt | grep -v "^device\|^corpus"
