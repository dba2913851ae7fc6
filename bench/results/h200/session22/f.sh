# Session 22 run f: the run-following chase everywhere (e.mjs), in the one-operation decoder only (f.mjs: pieces
# keep the byte-by-byte chase), and f with the refill's fast path for words wholly inside the stream (g.mjs),
# against 232a2b6 (base.mjs); every Deflate chunk size; alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in base e f g; do
  echo "=== API pass $pass $b"
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,numbers --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 262144,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
