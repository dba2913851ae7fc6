# Run h (session 13): the review's place/fixup change (66a7c23, bundle s13-rev) against the tree before it (61575b9, s13-tip). Predicted: unchanged.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304 --reps 10"
bash .gpu/run.sh .gpu/s13-rev.mjs $L > /dev/null 2>&1
for v in tip rev tip rev; do echo "== $v"; bash .gpu/run.sh .gpu/s13-$v.mjs $L 2>&1 | grep Deflate; done
