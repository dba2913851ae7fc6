#!/usr/bin/env bash
# Host cost of 16384 cuMemcpyDtoDAsync (and one 16384-entry cuMemcpyBatchAsync) per round, this tree
# (hot.mjs) against the base commit fe2c895 (hot_old.mjs), default GC and a large young generation.
d=$(cd "$(dirname "$0")" && pwd)
for v in hot hot_old; do for flags in "" "--max-semi-space-size=256"; do
  nb=; [ $v = hot_old ] && nb=1; echo "== $v $flags"; NOBATCH=$nb ROUNDS=25 NODE_OPTIONS="$flags" timeout 60 bash "$d/run.sh" "$d/$v.mjs" 2>&1 | grep -v "^bytes"
done; done
