# Session 22 run j (not run: the session's device time was spent): gather() with the command itself folded
# into the run-following loop (gather-folded-not-run.diff: one literal/stored return site instead of two,
# same bytes; the inflate tests pass on it) against the tree (base), alternated twice. Build new.mjs with the
# diff applied, base.mjs without.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for pass in 1 2; do for b in base new; do
  echo "=== API pass $pass $b"
  bash .gpu/run.sh .gpu/s23/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,logs,numbers --sizes 65536,262144 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
