# Run b (session 13): where the host time of a 4096-operation call goes while the GPU is busy: the corpus
# bench's 64 KiB rows (bundle of 51159f5) under a CPU profile.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --only text,json,logs,random,zeros --algos LZ4,Deflate --decompress-mib 256 --sizes 65536 --reps 20"
bash .gpu/run.sh .gpu/s13-head.mjs $B > $OUT/s13b-warm.txt 2>&1
mkdir -p /tmp/prof
bash .gpu/run.sh --cpu-prof --cpu-prof-dir=/tmp/prof --cpu-prof-interval 50 .gpu/s13-head.mjs $B > $OUT/s13b-prof.txt 2>&1
cp /tmp/prof/*.cpuprofile $OUT/s13b.cpuprofile
xz -9 $OUT/s13b.cpuprofile
cat $OUT/s13b-warm.txt $OUT/s13b-prof.txt | grep "KiB"
ls -la $OUT
