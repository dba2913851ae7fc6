export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do
  for b in old new; do
    echo "=== pass $pass $b"
    bash .gpu/run.sh .gpu/s20/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Snappy --only text,json,binary,logs,numbers --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep Snappy
    bash .gpu/run.sh .gpu/s20/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Snappy --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 64 --reps 10 2>&1 | grep Snappy
  done
done | tee $OUT/s20g-snappy12.txt
