# Session 25 run a: large LZ4/Snappy pieces skip the link loads of committed words that were written with
# no linked byte (a bit per word, f1.mjs, or per 4 words, f4.mjs, in workgroup memory) against the tree
# (base.mjs, 81d57b5), text and x86 code, 256 KiB / 1 / 4 MiB, alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in base f1 f4; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 262144,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
