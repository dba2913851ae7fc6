# Run f (session 17, issue 9): the size sweep (bench/sizes.ts, 4 KiB to 1 GiB) on the final tree, since
# readbacks back to back share a submission (c006377); raw WebGPU in the same command. Plot:
#   node bench/plot.mjs bench/results/h200/session17/s17f-sizes.json bench/results/h200/session17/s17f-sizes.svg
#   bash bench/results/h200/session17/s17f.sh   (from the repo root; bundle in .gpu/s17/final.mjs)
set -u
out=${OUT:-/tmp}
export DAWN_FLAGS=disable-dawn-features=timestamp_quantization
timeout 300 bash .gpu/run.sh .gpu/s17/final.mjs --suite sizes --size-mib 1024 --json "$out/s17f-sizes.json" > "$out/s17f-sizes.txt" 2>&1
timeout 100 bash .gpu/run.sh .gpu/webgpu_baseline.mjs > "$out/s17f-webgpu.txt" 2>&1
tail -n 45 "$out/s17f-sizes.txt"; grep -i "ring\|clearBuffer" "$out/s17f-webgpu.txt"
