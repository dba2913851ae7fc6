# Session 21 run k: LZ4's fast parse step taking a match length with one extension byte (new) against
# 88772fc (old), alternated twice; GPU ms per 256 MiB call.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in old new; do
  echo "=== pass $pass $b"
  bash .gpu/run.sh .gpu/s21/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4 --only text,json,binary,logs,numbers --sizes 65536,1048576 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
