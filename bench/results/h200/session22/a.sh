# Session 22 run a: session 21's two unmeasured diffs (LZ4's fast step taking a match length with one
# extension byte; Snappy's fast step with a literal and a copy through the same instructions) as `new`
# against 232a2b6 (`base`), alternated twice; GPU ms per 256 MiB call; a divergence-free bound (SORT_OPS=1).
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in base new; do
  echo "=== pass $pass $b"
  bash .gpu/run.sh .gpu/s22/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,json,binary,logs,numbers --sizes 65536,1048576 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== new, identical pairs (SORT_OPS=1)"
SORT_OPS=1 bash .gpu/run.sh .gpu/s22/new.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
