#!/usr/bin/env bash
# Local sanity timing (SwiftShader, 2 shared cores): Snappy 1 MiB operations, base 58c2119 (old) against the branch (new), alternated.
cd /work/wt-snappy
export VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json LD_LIBRARY_PATH=/usr/lib/chromium
for v in old new old new; do
  echo "== $v"
  timeout 300 node .gpu/snp-$v.mjs --suite corpus --corpus /tmp/snp-corpus.br --only text,binary --sizes 1048576 --decompress-mib 4 --reps 3 --algos Snappy 2>&1 | grep -v "^device\|corpus loaded"
done
