# Session 25 run b: Deflate's copy lanes find a byte's command by a search of fixed steps without branches
# (bs.mjs), the leader's state in fewer registers (diet.mjs: pend_len and pend_dist in one word, full_end
# recomputed, the stop test only in the piece build), both (bs+diet.mjs), against the tree (base.mjs);
# text and x86 code, 64 KiB / 1 / 4 MiB, alternated twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in base bs diet bs+diet; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536,1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
