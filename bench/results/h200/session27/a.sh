# Session 27 run a: LZ4's end rules (4542e9a: fast_one and slow_one keep where the last match starts; join
# steps one sequence more at each piece start) against the session's base fd40eb0, LZ4 and Snappy (a
# control: its decoder is unchanged, its join takes the same extra step) on text and x86 code at 64 KiB and
# 1 MiB, alternated twice. Bundles: base.mjs from a worktree of fd40eb0, end.mjs from 4542e9a or later
# (OUTFILE=.gpu/s27/X.mjs node bench/build.mjs).
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in base end; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s27/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy --only text,binary --sizes 65536,1048576 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
