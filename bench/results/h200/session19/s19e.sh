# Run e (session 19, issue 10): LZ4's group parser with a branch-free first step (fast_group: the group's
# first sequences parsed with their checks in one flag, so the chain from token to token is one window
# load). Kernels alone, with and without it (sweep variant 'no fast group'), on five classes at 4096 and 132
# operations, twice; then the whole API path before (old.mjs, HEAD) and after (new.mjs), alternated twice,
# on 64 KiB to 4 MiB operations (the piece decoder parses with the same group parser).
#   bash bench/results/h200/session19/s19e.sh   (from the repo root; bundles in .gpu/s19/)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
for pass in 1 2; do echo "== sweep pass $pass"
  SWEEP_ROWS=text:65536,binary:65536,json:65536,logs:65536,numbers:65536 SWEEP_COUNTS=132 \
  SWEEP_ONLY='shipped|no fast group|parse only|no fast group, parse only' \
    timeout 200 bash .gpu/run.sh .gpu/s19/new.mjs --suite corpus --algos LZ4 --decompress-mib 256 --reps 10 --only text,binary,json,logs,numbers --sizes 65536 --sweep 2>&1 | grep -v "^ *$"
done > "$out/s19e-kernel.txt" 2>&1
for pass in 1 2; do for b in old new; do echo "== $b, pass $pass"
  timeout 150 bash .gpu/run.sh .gpu/s19/$b.mjs --suite corpus --algos LZ4 --decompress-mib 256 --reps 10 --only text,binary --sizes 65536,262144,1048576,4194304 2>&1 | grep -E "KiB|Error"
done; done > "$out/s19e-api.txt" 2>&1
cat "$out/s19e-kernel.txt" "$out/s19e-api.txt"
