set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
bash .gpu/run.sh .gpu/bench-find.mjs --suite corpus --only text,binary --algos Deflate --decompress-mib 256 --reps 10 > $OUT/s11g-deflate.txt 2>&1
for p in find find,size find,size,join,decode find,size,join,decode,fixup; do
  echo "== passes $p"
  PASSES=$p bash .gpu/run.sh .gpu/bench-passes.mjs --suite corpus --only text,binary --algos Deflate --sizes 1048576,4194304 --decompress-mib 256 --reps 5 2>&1 | grep Deflate
done > $OUT/s11g-passes.txt
cat $OUT/s11g-deflate.txt $OUT/s11g-passes.txt | grep -v "^device\|^corpus"
