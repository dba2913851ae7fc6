# usage: gate.sh <tree>  — adds PASSES gating (dispatch only named Deflate piece passes; skip byte check)
set -e
cd "$1"
perl -0pi -e "s/^(\s*)b\.dispatchAuto\(kernel\('(\w+)'\)/\$1if (!process.env.PASSES || process.env.PASSES.split(',').includes('\$2')) b.dispatchAuto(kernel('\$2')/mg" src/driver/decompress.ts
perl -0pi -e "s/(for \(const i of \[\.\.\.comp\.keys\(\)\])/if (!process.env.PASSES) \1/; s/(if \(acts\.some\(\(a\) => a !== set\.size\)\))/if (!process.env.PASSES) \1/" bench/corpus.ts
grep -c "process.env.PASSES" src/driver/decompress.ts bench/corpus.ts
