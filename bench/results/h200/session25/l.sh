# Session 25 run l: where the final tree's time goes. (1) Large Deflate's passes, each read by dispatching
# it twice (find2.mjs: find; dec2.mjs: the pieces' decode; pf2x.mjs: place + fixup) against the tree
# (t5.mjs, e81b9ba), text and x86 code at 1 / 4 MiB; (2) the one-operation kernel alone at 4096 and 132
# operations (one per SM): shipped, the leader alone (copy lanes skip), the copy code compiled out.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
t0=$(date +%s)
for pass in 1 2; do for b in t5 find2 dec2 pf2x; do
  echo "=== pass $pass $b (t=$(( $(date +%s) - t0 )) s)"
  bash .gpu/run.sh .gpu/s25/$b.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 1048576,4194304 --decompress-mib 256 --reps 10 2>&1 | grep " x "
done; done
echo "=== sweep (t=$(( $(date +%s) - t0 )) s)"
SWEEP_ROWS=text:65536,binary:65536 SWEEP_COUNTS=132 SWEEP_ONLY='shipped|leader only|copy code compiled out' bash .gpu/run.sh .gpu/s25/t5.mjs --suite corpus --corpus .gpu/corpus.br --algos Deflate --only text,binary --sizes 65536 --decompress-mib 256 --reps 10 --sweep 2>&1 | grep -v "^device\|^corpus"
echo "=== end (t=$(( $(date +%s) - t0 )) s)"
