# Session 23 run k: the LZ4/Snappy piece decoder reading and writing a word's links as one vec2 (wl.mjs: a copy's
# four bytes take one or two link loads instead of three; put_word one store instead of two) against the
# tree (tree.mjs = bc98df9), alternated twice, large operations through the API; then the piece passes.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in tree wl; do
  echo "=== API pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 262144,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== phases (t=$(( $(date +%s) - t0 )) s)"
bash .gpu/run.sh .gpu/s23/wl.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 --phases 2>&1 | grep -E " x |piece passes"
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
