# Session 22 run d: Deflate's leader with fewer instructions per symbol (d.mjs: a refill without masks for
# words wholly inside the stream, one branch for each symbol's checks, lengths' and distances' bases by
# select, one test of the block state per symbol) against 232a2b6 (base.mjs), alternated twice; then the
# kernel alone at 4096 and 132 operations.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in base d; do
  echo "=== API pass $pass $b"
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,logs,numbers,random,zeros --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== sweep"
SWEEP_ROWS=text:65536,binary:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|leader only|leader only, no checks|leader only, plain refill' bash .gpu/run.sh .gpu/s22/d.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -v "^device\|^corpus"
