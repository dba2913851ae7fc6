# Session 21 run c: the corpus bench's random and zeros rows pinned to the fast vCPUs and to the slow ones (
# run b), profiled at 100 us, and unprofiled on every algorithm.
bash .gpu/run.sh --version
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
for k in 0,1,2,4,6,7 3,5,8,13,15; do
  echo "=== vCPU $k: hosttime (tiny streams, real Vulkan)"
  CASE=plain taskset -c $k bash .gpu/run.sh .gpu/s21/ht.mjs 4096 1000
  echo "=== vCPU $k: LZ4 random, zeros, profiled"
  mkdir -p $OUT/prof/cpu${k%%,*}
  HOST_CALLS=1 taskset -c $k bash .gpu/run.sh --cpu-prof --cpu-prof-interval 100 --cpu-prof-dir=$OUT/prof/cpu${k%%,*} .gpu/bench.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4 --only random,zeros --sizes 65536 --decompress-mib 256 --reps 30 2>&1 | grep -v '^corpus'
  echo "=== vCPU $k: all algorithms, not profiled"
  HOST_CALLS=1 taskset -c $k bash .gpu/run.sh .gpu/bench.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only random,zeros --sizes 65536 --decompress-mib 256 --reps 30 2>&1 | grep -v '^corpus\|^device'
done
for d in $OUT/prof/*; do xz -9 $d/*.cpuprofile; done
