# Run h (session 19, issue 10): LZ4's group parser with a first step (fast_group, second form: the
# group's common sequences in one loop that issues the next token's window load before the current
# sequence's checks, and stops at the first sequence fast_one would refuse: no work thrown away). Kernels
# alone, with and without it (sweep variant 'no fast group'), five classes at 4096 and 132 operations,
# twice; then the API before (old.mjs, HEAD) and after (new3.mjs), alternated twice, on 64 KiB and 1 MiB.
#   bash bench/results/h200/session19/s19h.sh   (from the repo root; bundles in .gpu/s19/)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
for pass in 1 2; do echo "== sweep pass $pass"
  SWEEP_ROWS=text:65536,binary:65536,json:65536,logs:65536,numbers:65536 SWEEP_COUNTS=132 \
  SWEEP_ONLY='shipped|no fast group|parse only|no fast group, parse only' \
    timeout 200 bash .gpu/run.sh .gpu/s19/new3.mjs --suite corpus --algos LZ4 --decompress-mib 256 --reps 10 --only text,binary,json,logs,numbers --sizes 65536 --sweep 2>&1 | grep -v "^ *$"
done > "$out/s19h-kernel.txt" 2>&1
for pass in 1 2; do for b in old new3; do echo "== $b, pass $pass"
  timeout 150 bash .gpu/run.sh .gpu/s19/$b.mjs --suite corpus --algos LZ4 --decompress-mib 256 --reps 10 --only text,binary,numbers --sizes 65536,1048576 2>&1 | grep -E "KiB|Error"
done; done > "$out/s19h-api.txt" 2>&1
cat "$out/s19h-kernel.txt" "$out/s19h-api.txt"
