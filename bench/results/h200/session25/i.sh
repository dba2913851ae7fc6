# Session 25 run i: the Deflate decoder's sizes again now that a round ends at its first one-step chase
# (t4.mjs, a5ce4a1): one copy warp (wg64.mjs: WG 64), half the round (n16.mjs: NCMD 16, LITCAP 64), twice
# the literals (l256.mjs: LITCAP 256); 64 KiB text, json, code, numbers and 1 MiB text and code, twice.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in t4 wg64 n16 l256; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,json,binary,numbers --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep " x "
  bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
