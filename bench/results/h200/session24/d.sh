# Session 24 run d: what the piece decoder's code costs with no links in play. 4096 x 64 KiB Deflate
# through the piece pipeline with find patched to give each op only its first segment's candidate (f1.mjs:
# each op one piece, into out, no link loads or stores), and the same with LINKS false (f1nl.mjs: the
# one-op decoder's copy path, run-following and refill fast path, in the piece kernel); new.mjs without
# pieces as the reference. Alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for v in "new" "f1 --deflate-pieced-min 32768" "f1nl --deflate-pieced-min 32768"; do
  set -- $v; b=$1; shift
  echo "=== pass $pass $b $* (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 "$@" 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
