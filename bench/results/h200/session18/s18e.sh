# Run e (session 18): the LZ4/Snappy one-operation decoders keep their slot's last RING output words in
# workgroup memory (copies from close behind the group read them there instead of from out). Kernel alone,
# 4096 and 132 operations, with the ring (256 words), without it, and 128 / 512 words, twice; then the API
# rows of every class at 64 KiB, base (the tree before it) and new bundles alternated.
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
for pass in 1 2; do
SWEEP_ROWS=text:65536,binary:65536,json:65536,logs:65536,numbers:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|no output ring|output ring 128 words|output ring 512 words' \
  timeout 150 bash .gpu/run.sh .gpu/s18/dec.mjs --suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10 --only text,binary,json,logs,numbers --sizes 65536 --sweep 2>&1
done > "$out/s18e-kernel.txt" 2>&1
for v in base new base new; do b=dec; [ $v = base ] && b=dec-base; echo "== $v"
  timeout 100 bash .gpu/run.sh .gpu/s18/$b.mjs --suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10 --sizes 65536 2>&1 | grep KiB
done > "$out/s18e-corpus.txt" 2>&1
cat "$out/s18e-kernel.txt" "$out/s18e-corpus.txt"
