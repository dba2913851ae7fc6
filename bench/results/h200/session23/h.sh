# Session 23 run h: the LZ4/Snappy piece decoder with a bit per output word written with a linked byte
# (lflags: copies from unflagged words load no links; fixup skips them) (flags.mjs) against the tree
# (tree.mjs, 573ae3a: the piece decoder is the same at e006929), alternated twice, large operations through
# the API; then the piece passes (--phases) on the new build.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in tree flags; do
  echo "=== API pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 262144,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== phases (t=$(( $(date +%s) - t0 )) s)"
bash .gpu/run.sh .gpu/s23/flags.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 --phases 2>&1 | grep -E " x |piece passes"
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
