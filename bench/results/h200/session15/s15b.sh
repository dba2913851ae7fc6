# Run b (session 15): run a again on text only (same bundle plus timers), each pass of the parallel-groups
# decoder also timed alone (skim; main after one skim), groups of a quarter, and the words ablated.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
date
PAR=1 SWEEP_ROWS=text:65536 SWEEP_COUNTS=132 bash .gpu/run.sh .gpu/s15.mjs --suite corpus --only text --algos LZ4,Snappy --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep -E "KiB|par pass|Error|error" > $OUT/s15b-par.txt
date
cat $OUT/s15b-par.txt
