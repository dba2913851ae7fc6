# Session 21 run d: the per-vCPU host time of run b twice in one machine (is a slow vCPU slow for the
# whole run?), with the topology the guest sees.
bash .gpu/run.sh --version >/dev/null
for c in /sys/devices/system/cpu/cpu[0-9]*; do echo "$(basename $c): core $(cat $c/topology/core_id) siblings $(cat $c/topology/thread_siblings_list)"; done | sort -V
for pass in 1 2; do
  echo "=== pass $pass: hosttime on the null backend, pinned to one vCPU each (min / p10 / median ms)"
  for k in $(seq 0 15); do echo -n "cpu $k: "; CASE=plain DAWN_FLAGS=backend=null taskset -c $k /tmp/node .gpu/s21/ht.mjs 4096 400; done
done
