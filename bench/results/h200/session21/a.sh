# Session 21 run a: where the H200 host's time per decompression call goes, per process and per row.
lscpu | head -25; grep MHz /proc/cpuinfo | head -4; cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2>/dev/null; nproc
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
echo "=== hosttime (tiny streams, the H200's Vulkan), 4 processes; then the null backend, 2"
for r in 1 2 3 4; do CASE=plain bash .gpu/run.sh .gpu/s21/ht.mjs 4096 1000; done
for r in 1 2; do CASE=plain DAWN_FLAGS=backend=null bash .gpu/run.sh .gpu/s21/ht.mjs 4096 1000; done
for r in 1 2 3; do for a in LZ4 Snappy; do
  mkdir -p $OUT/prof/$a$r
  echo "=== $a process $r (profiled)"
  HOST_CALLS=1 bash .gpu/run.sh --cpu-prof --cpu-prof-dir=$OUT/prof/$a$r .gpu/bench.mjs --suite corpus --corpus .gpu/corpus.br --algos $a --only random,zeros --sizes 65536 --decompress-mib 256 --reps 30 2>&1 | grep -v '^device\|^corpus'
done; done
for r in 1 2; do
  echo "=== all algos, process $r (not profiled)"
  HOST_CALLS=1 bash .gpu/run.sh .gpu/bench.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only random,zeros --sizes 65536 --decompress-mib 256 --reps 30 2>&1 | grep -v '^corpus'
done
for d in $OUT/prof/*; do xz -9 $d/*.cpuprofile; done
