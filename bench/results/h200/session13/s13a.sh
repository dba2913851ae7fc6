# Run a (session 13): session 12's runs h and i in one command. Bundles built from worktrees of 0ce2d2f with
# PASSES gating (gate.sh here): base = the tree, mid = + mid-block-not-run.diff,
# lkend = + lkend-not-run.diff (both diffs in ../session12).
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304"
date
bash .gpu/run.sh .gpu/s13-base.mjs $L --reps 3 > /dev/null 2>&1
for v in base mid lkend base mid lkend; do
  echo "== all $v"
  bash .gpu/run.sh .gpu/s13-$v.mjs $L --reps 10 2>&1 | grep Deflate
done
date
for v in base mid; do
  echo "== find,size,join,decode $v"
  PASSES=find,size,join,decode bash .gpu/run.sh .gpu/s13-$v.mjs $L --reps 5 2>&1 | grep Deflate
done
date
B="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 65536 --reps 20"
for v in base mid base mid; do echo "== 64 KiB $v"; bash .gpu/run.sh .gpu/s13-$v.mjs $B 2>&1 | grep Deflate; done
date
