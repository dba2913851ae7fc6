# Session 22 run h: the final tree (final.mjs), every algorithm and class at 64 KiB and text and x86 code at
# 256 KiB, 1 MiB and 4 MiB, two passes; a Deflate kernel variant riding along (checks merged into one branch).
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do
  echo "=== pass $pass"
  bash .gpu/run.sh .gpu/s22/final.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only text,json,binary,logs,numbers,random,zeros --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  bash .gpu/run.sh .gpu/s22/final.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only text,binary --sizes 262144,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done
echo "=== sweep"
SWEEP_ROWS=text:65536,binary:65536,json:65536 SWEEP_ONLY='shipped|merged checks|merged literal checks' bash .gpu/run.sh .gpu/s22/final.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary,json --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -v "^device\|^corpus"
