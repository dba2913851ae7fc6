# Session 24 run c: 4096 x 64 KiB Deflate through the piece pipeline (--deflate-pieced-min 32768: each op
# is its own first piece, mostly one, written straight to out without links) against the one-operation
# decoder, on new.mjs; d2.mjs (decode dispatched twice) gives the piece decode's own time. Alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for v in "new" "new --deflate-pieced-min 32768" "d2 --deflate-pieced-min 32768"; do
  set -- $v; b=$1; shift
  echo "=== pass $pass $b $* (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536,262144 --decompress-mib 256 --reps 10 "$@" 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
