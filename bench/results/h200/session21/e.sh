# Session 21 run e: large Deflate operations' pieces decoded longest first (new) against the tree (old),
# alternated twice; GPU ms per 256 MiB call from events.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in old new; do
  echo "=== pass $pass $b"
  bash .gpu/run.sh .gpu/s21/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
