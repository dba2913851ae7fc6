# Run f (session 18, issue 9): what a memset round's wall-clock is made of. The memory suite's 1 GiB rows
# with 5, 20 and 100 calls per round (reps; one synchronization per round), CUDA's single-call events
# (cuda_baseline.py) in the same command: per-call wall = a / N + b names the round's fixed cost a and the
# per-call cost b.
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
python3 .gpu/cuda_baseline.py --size-mib 1024 > "$out/s18f-cuda.txt" 2>&1
for n in 5 20 100; do echo "== reps $n"
  timeout 150 bash .gpu/run.sh .gpu/s18/bench.mjs --suite memory --size-mib 1024 --reps $n 2>&1 | grep -E "memset|Memset|clearBuffer|copyBuffer|DtoD aligned|2D"
done > "$out/s18f-memory.txt" 2>&1
cat "$out/s18f-cuda.txt" "$out/s18f-memory.txt"
# And (issue 10): the LZ4/Snappy group parser without its segment-room check, kernel alone, twice.
for pass in 1 2; do
SWEEP_ROWS=text:65536,binary:65536,json:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|no segment-room check' \
  timeout 120 bash .gpu/run.sh .gpu/s18/bench.mjs --suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10 --only text,binary,json --sizes 65536 --sweep 2>&1
done > "$out/s18f-kernel.txt" 2>&1
cat "$out/s18f-kernel.txt"
