# Session 21 run j: is the paired decoders' 20% with identical pairs (run f) divergence or shared source
# addresses? Sorted pairs of one stream read from one address (SORT_OPS=1) or from two copies
# (SORT_OPS=1 SPLIT_SRC=1), against the order given; then the final tree's Deflate rows, 64 KiB to 4 MiB.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for v in plain sorted split; do
  echo "=== pass $pass $v"
  unset SORT_OPS SPLIT_SRC
  [ $v != plain ] && export SORT_OPS=1
  [ $v = split ] && export SPLIT_SRC=1
  bash .gpu/run.sh .gpu/s21/split.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
unset SORT_OPS SPLIT_SRC
echo "=== final tree, Deflate"
bash .gpu/run.sh .gpu/s21/split.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary,zeros --decompress-mib 256 --reps 10 2>&1 | grep " x "
