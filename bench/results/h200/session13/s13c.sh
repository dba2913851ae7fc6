# Run c (session 13): speculative piece decode (branch spec: decode each candidate once, into out for the
# op's first piece and into a spill area for the others; place; fixup from the spill links) against the
# tree (base = 0ce2d2f's bundle of run a: same decoder code as 51159f5). Bundles with the passes gate.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304"
date
bash .gpu/run.sh .gpu/s13-base.mjs $L --reps 3 > /dev/null 2>&1
for v in base spec base spec; do
  echo "== all $v"
  bash .gpu/run.sh .gpu/s13-$v.mjs $L --reps 10 2>&1 | grep Deflate
done
for p in find find,decode find,decode,join,place; do
  echo "== $p spec"
  PASSES=$p bash .gpu/run.sh .gpu/s13-spec.mjs $L --reps 5 2>&1 | grep Deflate
done
date
A="--suite corpus --algos Deflate --decompress-mib 256 --sizes 1048576,4194304 --reps 10"
for v in base spec; do echo "== every class $v"; bash .gpu/run.sh .gpu/s13-$v.mjs $A 2>&1 | grep Deflate; done
B="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 65536 --reps 20"
for v in base spec; do echo "== 64 KiB $v"; bash .gpu/run.sh .gpu/s13-$v.mjs $B 2>&1 | grep Deflate; done
date
