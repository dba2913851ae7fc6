# Not run in session 12 (no device time left). Build two bundles in a worktree of the tree this diff
# applies to (52a261b, session 12's last code commit), each with PASSES gating added as in session 12's runs:
#   base: the tree;  mid: the tree + mid-block-not-run.diff
# then on the H200:
set -u
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
L="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 1048576,4194304"
bash .gpu/run.sh .gpu/s12-base.mjs $L --reps 3 > /dev/null 2>&1
for v in base mid base mid; do
  echo "== all $v"
  bash .gpu/run.sh .gpu/s12-$v.mjs $L --reps 10 2>&1 | grep Deflate
done
for v in base mid; do
  echo "== find,size,join,decode $v"
  PASSES=find,size,join,decode bash .gpu/run.sh .gpu/s12-$v.mjs $L --reps 5 2>&1 | grep Deflate
done
B="--suite corpus --only text,binary --algos Deflate --decompress-mib 256 --sizes 65536 --reps 20"
for v in base mid base mid; do echo "== 64 KiB $v"; bash .gpu/run.sh .gpu/s12-$v.mjs $B 2>&1 | grep Deflate; done
