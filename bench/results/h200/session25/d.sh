# Session 25 run d: on the tree with bs (t1.mjs, d3a3615): gather's first command folded into its
# run-following loop (gf.mjs: session 22's unmeasured diff, on today's gather), run c's dietA again
# (dietA.mjs), both (gf+dietA.mjs); Deflate text and x86 code, 64 KiB / 1 / 4 MiB, alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in t1 gf dietA gf+dietA; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
