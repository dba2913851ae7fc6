#!/usr/bin/env bash
# Session 10 run h: the final tree's decoders — the benchmark's own data (decompress suite, with the CPU
# decoders) and the real-data corpus, every class at 64 KiB, text and binary at 256 KiB, 1 MiB and 4 MiB;
# nvidia-smi samples the SM clock meanwhile (is the GPU boosting during the decoders?).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
( command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=timestamp,clocks.sm,clocks.max.sm,clocks.mem,power.draw,utilization.gpu --format=csv -lms 200 > $OUT/s10h-clocks.csv 2>&1 ) &
SMI=$!
bash .gpu/run.sh .gpu/bench.mjs --suite decompress --decompress-mib 256 --reps 20 > $OUT/s10h-decompress.txt 2>&1
bash .gpu/run.sh .gpu/bench.mjs --suite corpus --decompress-mib 256 --reps 20 > $OUT/s10h-corpus.txt 2>&1
kill $SMI 2>/dev/null; pkill -f 'nvidia-smi --query' 2>/dev/null
cp .gpu/s10h.sh $OUT/
cat $OUT/s10h-decompress.txt $OUT/s10h-corpus.txt
awk -F, 'NR>1 {print $2}' $OUT/s10h-clocks.csv | sort | uniq -c | sort -rn | head -8
