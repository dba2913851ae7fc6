# Session 23 run a: session 22's two unmeasured diffs against the tree (base = a110b67), alternated twice.
# joint.mjs = lz-joint-words-not-run.diff (LZ4/Snappy paired lanes build both slots' words as one list),
# folded.mjs = gather-folded-not-run.diff (Deflate gather's first command folded into its loop).
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in base joint; do
  echo "=== k API pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,json,binary,logs,numbers,random,zeros --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
for b in base joint; do
  echo "=== k identical pairs $b (t=$(( $(date +%s) - t0 )) s)"
  SORT_OPS=1 bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done
for pass in 1 2; do for b in base folded; do
  echo "=== j API pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,logs,numbers --sizes 65536,262144 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
