export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
mkdir -p $OUT/prof
HOST_CALLS=1 bash .gpu/run.sh --cpu-prof --cpu-prof-dir=$OUT/prof .gpu/bench.mjs --suite corpus --corpus .gpu/corpus.br --algos LZ4,Snappy,Deflate --only random,zeros --sizes 65536 --decompress-mib 256 --reps 30 2>&1 | tee $OUT/s20h-host.txt
xz -9 $OUT/prof/*.cpuprofile; ls -la $OUT/prof
