# Session 22 run g: the final Deflate change (h.mjs: the copy lanes follow match runs back through the round,
# and the leader's refill takes words wholly inside the stream without masks, both in the one-workgroup
# decoder only) against 232a2b6 (base.mjs), every chunk size, alternated twice; then kernel variants on it.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in base h; do
  echo "=== API pass $pass $b"
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,logs,numbers,random,zeros --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 262144,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== sweep"
SWEEP_ROWS=text:65536,binary:65536,json:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|no chase|merged checks|refill general path|per-byte chase|WG 64|WG 128|NCMD 64, LITCAP 256' bash .gpu/run.sh .gpu/s22/h.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary,json --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -v "^device\|^corpus"
