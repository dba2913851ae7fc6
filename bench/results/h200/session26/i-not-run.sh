# Prepared in session 26 for a later session (not run: no machine lent). Splits the stripped leader's
# ~550 cycles a symbol (session 22: "all four, plain refill, copy code compiled out", 132 operations = one
# per SM, so an operation's latency): with the tables' u16 unpacking gone (wide tables), with rounds 8x as
# long (most barriers gone), and with Dawn's robustness off (index clamps and bounds checks), each on text
# and x86 code at 64 KiB, 132 and 4096 operations. Bundle: OUTFILE=.gpu/s27/t.mjs node bench/build.mjs.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
ONLY='shipped|leader only|all four, plain refill, copy code compiled out|all four, plain refill, copy code compiled out, wide tables|all four, plain refill, copy code compiled out, NCMD 256, LITCAP 1024'
for flags in "$DAWN_FLAGS" "$DAWN_FLAGS,enable-dawn-features=disable_robustness"; do
  echo "=== DAWN_FLAGS=$flags"
  DAWN_FLAGS="$flags" SWEEP_ROWS=text:65536,binary:65536 SWEEP_COUNTS=132 SWEEP_ONLY="$ONLY" bash .gpu/run.sh .gpu/s27/t.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -v "^device\|^corpus"
done
