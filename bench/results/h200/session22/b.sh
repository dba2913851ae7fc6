# Session 22 run b: (1) LZ4's fast step with the match-length extension byte taken branchless (b.mjs) against
# 232a2b6 (base.mjs) through the API, alternated twice, and in the kernel sweep against no extension and the
# extension on a branch; (2) where Deflate's leader spends a symbol: kernel sweep ablations, 4096 and 132
# operations (one per SM), two passes.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in base b; do
  echo "=== API pass $pass $b"
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4 --only text,json,binary,logs,numbers --sizes 65536,1048576 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
for pass in 1 2; do
  echo "=== sweep pass $pass"
  SWEEP_ROWS=text:65536,json:65536,binary:65536,logs:65536,numbers:65536 SWEEP_ONLY='shipped|no match-length extension in the fast step|the extension on a branch' bash .gpu/run.sh .gpu/s22/b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4 --only text,json,binary,logs,numbers --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -v "^device\|^corpus"
  SWEEP_ROWS=text:65536,binary:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|leader only|select bases|leader only, select bases|leader only, no recording|leader only, no checks|leader only, no chase depth|leader only, no chain cut, NCMD 64, LITCAP 256|leader only, all four' bash .gpu/run.sh .gpu/s22/b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -v "^device\|^corpus"
done
