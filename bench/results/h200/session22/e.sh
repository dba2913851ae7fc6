# Session 22 run e: the copy lanes follow a match run back through the round's commands while it stays
# contiguous (e.mjs) instead of byte by byte (base.mjs, 232a2b6), through the API alternated twice; then the
# kernel sweep: that change against the per-byte chase and a no-chase ablation, and run d's leader diet in parts.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in base e; do
  echo "=== API pass $pass $b"
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,logs,numbers,zeros --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== sweep"
SWEEP_ROWS=text:65536,binary:65536,json:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|per-byte chase|no chase|per-byte chase, no chase|refill fast path|merged checks|block state tested once|select bases' bash .gpu/run.sh .gpu/s22/e.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary,json --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -v "^device\|^corpus"
