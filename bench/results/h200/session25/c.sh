# Session 25 run c: on bs (run b's find_cmd without branches, now the tree): run b's leader diet in its two
# parts, full_end recomputed and the stop test only in the piece build (bs+dietA.mjs), pend_len and
# pend_dist in one word (bs+dietP.mjs); and LZ4/Snappy's segment search stepping by select (bs+lzsel.mjs).
# Alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do
  for b in bs bs+dietA bs+dietP; do
    echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
    bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  done
  for b in bs bs+lzsel; do
    echo "=== pass $pass $b LZ (t=$(( $(date +%s) - t0 )) s)"
    bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  done
done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
