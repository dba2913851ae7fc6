# Run a (session 15): the parallel-groups decoder (shaders/lz_par.wgsl: a skim pass writes each group's
# start, then the lanes of a slot parse LANES groups at once) against the shipped kernel, kernels alone,
# text and x86 code, 4096 x 64 KiB and the first 132 operations (one per SM), alternated twice.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
date
PAR=1 SWEEP_ROWS=text:65536,binary:65536 SWEEP_COUNTS=132 bash .gpu/run.sh .gpu/s15.mjs --suite corpus --only text,binary --algos LZ4,Snappy --sizes 65536 --decompress-mib 256 --reps 10 2>&1 | grep -E "KiB|par pass|Error|error" > $OUT/s15a-par.txt
date
cat $OUT/s15a-par.txt
