# Session 26 run e: fixup as one workgroup per piece with a chase (fx.mjs, branch fixup at 059db42 with the link check of the next commit) against
# the tree (t0.mjs): Deflate text and x86 code at 1 / 4 MiB alternated twice; 256 KiB in one workgroup and
# in pieces (--deflate-pieced-min 131072) on both.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in t0 fx; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s26/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
for b in t0 fx; do
  echo "=== $b 256 KiB, one workgroup / in pieces (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s26/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 262144 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  bash .gpu/run.sh .gpu/s26/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 262144 --decompress-mib 256 --reps 10 --deflate-pieced-min 131072 2>&1 | grep " x "
done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
