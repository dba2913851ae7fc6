# Session 24 run e: what in the piece decoder's LINKS build costs, with no link traffic (64 KiB ops through
# the pieces, one piece each: f1*, --deflate-pieced-min 32768): f1 (as run d), f1z (g_o0 a constant 0: the
# link arithmetic folds away, session 22's run-following and refill fast path still off), f1s22 (those two
# on in the LINKS build), f1nl (LINKS false, as run d). Then s22 (the two on, real pieces) against new at
# 1 and 4 MiB. Alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do
  for b in f1 f1z f1s22 f1nl; do
    echo "=== pass $pass $b --deflate-pieced-min 32768 (t=$(( $(date +%s) - t0 )) s)"
    bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 --deflate-pieced-min 32768 2>&1 | grep " x "
  done
  for b in new s22; do
    echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
    bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  done
done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
