# Run d (session 18): the Deflate leader's run of literals without the loop's checks. Kernel alone (the new
# tree's kernel against the same with the run switched off, twice), then the API rows of every class at
# 64 KiB and text/binary at 256 KiB-4 MiB, base (HEAD before the change) and new bundles, once each.
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
for pass in 1 2; do
SWEEP_ROWS=text:65536,binary:65536,json:65536,numbers:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|no literal runs' \
  timeout 100 bash .gpu/run.sh .gpu/s18/dec.mjs --suite corpus --algos Deflate --decompress-mib 256 --reps 10 --only text,binary,json,numbers --sizes 65536 --sweep 2>&1
done > "$out/s18d-kernel.txt" 2>&1
for v in base new; do b=dec; [ $v = base ] && b=dec-base; echo "== $v"
  timeout 200 bash .gpu/run.sh .gpu/s18/$b.mjs --suite corpus --algos Deflate --decompress-mib 256 --reps 10 --sizes 65536,262144,1048576,4194304 2>&1 | grep KiB
done > "$out/s18d-corpus.txt" 2>&1
cat "$out/s18d-kernel.txt" "$out/s18d-corpus.txt"
