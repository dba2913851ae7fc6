# Session 24 run k: lz_words.wgsl's shift_links (a switch on j) replaced by links.wgsl's lk_shl (two
# selects since run i), links.wgsl now in front of the one-operation LZ4/Snappy decoders too (their links
# are zeros: 64 KiB rows as the control). sl.mjs against lkbf.mjs (run i's shipped build). Alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in lkbf sl; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
