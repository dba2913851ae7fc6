# Session 23 run i: the Deflate leader without four branches (bench/corpus.ts sweep variants: the round
# loop's head test with |, the chase depth by select, a literal stored at once, a literal run's command
# written unconditionally), each alone and together, kernel alone, 4096 x 64 KiB, two passes (lv.mjs = bc98df9
# + the variants).
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do
  echo "=== pass $pass (t=$(( $(date +%s) - t0 )) s)"
  SWEEP_ROWS=text:65536,json:65536,binary:65536,logs:65536,numbers:65536 SWEEP_ONLY='shipped|head test without short-circuit|depth by select|literal stored at once|literal command by select|all four without branches|head, depth and literal store without branches' \
    bash .gpu/run.sh .gpu/s23/lv.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,logs,numbers --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -E " x |kernel"
done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
