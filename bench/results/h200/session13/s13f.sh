# Run f (session 13): what the links cost the Deflate pieces' decode. Bundles with the passes gate from
# c7d3cd6: g13 = the tree; nolk = the same with the pieces' decode keeping no links (LINKS false, no link
# loads or stores: wrong bytes, timing only).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304 --reps 10"
bash .gpu/run.sh .gpu/s13-g13.mjs $L > /dev/null 2>&1
for v in g13 nolk g13 nolk; do
  echo "== find,decode $v"
  PASSES=find,decode bash .gpu/run.sh .gpu/s13-$v.mjs $L 2>&1 | grep Deflate
done
for v in g13 nolk; do
  echo "== all $v"
  PASSES=find,decode,join,place,fixup,whole bash .gpu/run.sh .gpu/s13-$v.mjs $L 2>&1 | grep Deflate
done
