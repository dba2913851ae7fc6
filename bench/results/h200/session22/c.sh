# Session 22 run c: Deflate's leader, second set of ablations: the copy lanes' code compiled out (registers),
# the refill without range checks, 32-bit table entries; 4096 and 132 operations, two passes.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do
  echo "=== sweep pass $pass"
  SWEEP_ROWS=text:65536,binary:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|leader only|copy code compiled out|leader only, plain refill|leader only, all four|all four, copy code compiled out|all four, plain refill, copy code compiled out|wide tables|leader only, wide tables' bash .gpu/run.sh .gpu/s22/c.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -v "^device\|^corpus"
done
