# Run e (session 17, issue 10): the LZ4/Snappy word builder's first search of a word starts at the segment
# of the invocation's last run in the group (lb: c_seg, reset per group) against the tree (base = a60c281),
# and lb with LZ4 groups of 12 sequences / 24 segments (g24, g24.diff; Snappy as lb), alternated twice:
# 64 KiB operations of every class, then 1 MiB operations (pieces).
#   bash bench/results/h200/session17/s17e.sh   (from the repo root; bundles in .gpu/s17/)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
B="--suite corpus --algos LZ4,Snappy --decompress-mib 256 --reps 10"
date
for v in base lb g24 base lb g24; do
  echo "== $v"
  timeout 80 bash .gpu/run.sh .gpu/s17/$v.mjs $B --only text,json,binary,logs,numbers,random,zeros --sizes 65536 2>&1 | grep KiB
done > "$out/s17e-corpus.txt"
date
for v in base lb g24 base lb g24; do
  echo "== $v"
  timeout 60 bash .gpu/run.sh .gpu/s17/$v.mjs $B --only text,binary --sizes 1048576 2>&1 | grep KiB
done > "$out/s17e-large.txt"
date
cd "$out" && for f in s17e-*.txt; do echo "=== $f"; awk '{print $1,$2,$3,$4,$13}' "$f"; done
