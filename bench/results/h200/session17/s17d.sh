# Run d (session 17, issue 9): a small operation's round trip, before (old = 9460499) and after (new: a
# sync call waits on its submission's completion as it is, no async frame per wait; the completion chain
# without Promise.all or finally when nothing is read back; one array for every small fill's words:
# 6.6 -> 4.1 KB allocated per 4-byte memset + sync, locally), alternated three times: bench/memory.ts's
# latency rows alone (--suite latency: 1000 round trips after 100 of each, raw WebGPU peers in the same
# process, before and after 1 GiB host transfers).
#   bash bench/results/h200/session17/s17d.sh   (from the repo root; bundles in .gpu/s17/)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
m() { timeout "$1" bash .gpu/run.sh "${@:2}"; }
for v in old new old new old new; do echo "== $v"; m 90 .gpu/s17/$v.mjs --suite latency --size-mib 1024; done > "$out/s17d-lat.txt" 2>&1
cd "$out" && for f in s17d-*.txt; do echo "=== $f"; grep -v "^ *$" "$f"; done
