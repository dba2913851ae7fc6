# Session 22 run k (not run: the session's device time was spent): the paired LZ4/Snappy decoders' lanes
# building both slots' group words as one list (lz-joint-words-not-run.diff: ceil((n0 + n1) / 32) passes a
# round instead of the longer slot's ceil(n / 16); the LZ4, Snappy and API tests pass on it, and fail when its
# word index or its view restore is broken) against the tree (base), alternated twice, through the API and
# the kernel sweep; SORT_OPS=1 (identical pairs) gives the divergence-free bound. Build new.mjs with the diff
# applied, base.mjs without.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in base new; do
  echo "=== API pass $pass $b"
  bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,json,binary,logs,numbers,random,zeros --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
for b in base new; do
  echo "=== identical pairs $b"
  SORT_OPS=1 bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done
