# Run e (session 14): the final tree (s14-final) over the whole corpus, every class, algorithm and size.
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
date
bash .gpu/run.sh .gpu/s14-final.mjs --suite corpus --decompress-mib 256 --reps 20 > $OUT/s14e-corpus.txt 2>&1
date
grep KiB $OUT/s14e-corpus.txt
