# Session 26 run g: unibench.mjs (a Deflate-like serial decode in miniature: one lane, all 32 lanes, all 32
# with subgroupBroadcastFirst table loads), 2^18 symbols per workgroup, 132 and 4096 workgroups.
export DAWN_FLAGS='disable-dawn-features=timestamp_quantization'
bash .gpu/run.sh .gpu/s26/unibench.mjs 262144
