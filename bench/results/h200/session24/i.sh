# Session 24 run i: links.wgsl's lk_shl / lk_shr without branches (lkbf.mjs) against new, in every piece
# decoder (Deflate, LZ4, Snappy) at 1 and 4 MiB, text and x86 code. Alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in new lkbf; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate,LZ4,Snappy --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
