# Session 21 run b: is the H200 host's 2x between processes the vCPU (steal, placement) or V8?
bash .gpu/run.sh --version
head -1 /proc/stat; vmstat 1 3
echo "=== calibration loop, 6 processes unpinned"
for r in 1 2 3 4 5 6; do /tmp/node .gpu/s21/calib.mjs; done
echo "=== hosttime on the null backend (the library's JS alone), pinned to one vCPU each"
for k in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do echo -n "cpu $k: "; CASE=plain DAWN_FLAGS=backend=null taskset -c $k /tmp/node .gpu/s21/ht.mjs 4096 500; done
echo "=== the same, unpinned, 6 processes, each with the calibration before"
for r in 1 2 3 4 5 6; do /tmp/node .gpu/s21/calib.mjs; CASE=plain DAWN_FLAGS=backend=null /tmp/node .gpu/s21/ht.mjs 4096 500; done
head -1 /proc/stat; vmstat 1 3
