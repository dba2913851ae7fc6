# Session 24 run b: where a large Deflate operation's time goes, on the find change (new.mjs = run a's new).
# Each variant adds one pass's second dispatch to new: ffull a second find that computes everything and
# writes nothing (its cost: find's, as run a's new2), fnolok the same without lengths_ok, fstage only the
# staging of the segment's words; d2 decode twice, pf2 place and fixup twice (both idempotent).
# Alternated twice; 1 and 4 MiB Deflate, text and x86 code.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in new ffull fnolok fstage d2 pf2; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s24/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
