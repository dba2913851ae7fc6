# Session 25 run f: on the tree with bs and gf (t2.mjs): DMAX 2 (d2.mjs), DMAX 1 (d1.mjs), DMAX 2 with a
# literal run's bytes read without a branch (d2+lb.mjs); Deflate text and x86 code, 64 KiB / 1 / 4 MiB, and
# json and numbers at 64 KiB, alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in t2 d2 d1 d2+lb; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only json,numbers --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
