# Session 25 run e: on the tree with bs and gf (t2.mjs): a literal run's bytes read as two words without a
# branch (lb.mjs), a literal stored to its round word at once (ls.mjs, session 23's variant), chase chains
# of at most 2 steps in a round instead of 3 (d2.mjs), session 22's refill fast path in the piece decoder
# (s22r.mjs, 1 and 4 MiB only); Deflate text and x86 code, alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do
  for b in t2 lb ls d2; do
    echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
    bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  done
  echo "=== pass $pass s22r (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s25/s22r.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
