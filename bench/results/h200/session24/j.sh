# Session 24 run j: the final tree (final.mjs: run l's s22g as shipped), every algorithm, text and x86
# code, 64 KiB to 4 MiB, two passes: the README's large-operation ratios.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do
  echo "=== pass $pass final (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/final.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only text,binary --sizes 65536,262144,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
