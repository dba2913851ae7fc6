#!/usr/bin/env bash
# webcu's whole test suite: `npm test`. Works from a clean clone (no node_modules, no dist).
#   1. system Chromium (Debian's `chromium`; installed with apt when running as root; never downloaded
#      through Playwright)
#   2. SwiftShader's Vulkan for the `webgpu` npm package (Dawn) in Node
#   3. npm deps (npm ci) if missing
#   4. tsc --noEmit, vitest run (projects: unit, node-gpu, browser, e2e), npm run build, import check of
#      dist/webcu.js in Node
# Extra arguments go to vitest, e.g. `npm test -- --project node-gpu` or `npm test -- test/node/foo.test.ts`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

start=$SECONDS
step() { printf '\n\033[1m== %s\033[0m (%ds)\n' "$*" "$((SECONDS - start))"; }

CHROMIUM=/usr/bin/chromium
SWIFTSHADER_DIR=/usr/lib/chromium

# --- Node -------------------------------------------------------------------------------------------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node and npm are required (Node >= 20.19, as Vite 8 needs)." >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "Node $(node -v) is too old: Vite 8 needs Node ^20.19 or >= 22.12." >&2
  exit 1
fi

# --- 1. Chromium ---------------------------------------------------------------------------------------
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ]; then
    step "installing chromium with apt (it provides the browser and SwiftShader's Vulkan)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y chromium
  else
    cat >&2 <<MSG
$CHROMIUM is missing. The tests need Debian's chromium package (the browser, and SwiftShader's Vulkan
driver in $SWIFTSHADER_DIR for the webgpu package in Node). Install it with:

    sudo apt-get update && sudo apt-get install -y chromium

(Do not use 'npx playwright install': the tests use the system Chromium.)
MSG
    exit 1
  fi
fi
if [ ! -f "$SWIFTSHADER_DIR/vk_swiftshader_icd.json" ]; then
  echo "$SWIFTSHADER_DIR/vk_swiftshader_icd.json is missing: is $CHROMIUM Debian's chromium package?" >&2
  exit 1
fi

# --- 2. SwiftShader for dawn.node --------------------------------------------------------------------
export VK_ICD_FILENAMES="$SWIFTSHADER_DIR/vk_swiftshader_icd.json"
export LD_LIBRARY_PATH="$SWIFTSHADER_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# --- 3. npm deps -----------------------------------------------------------------------------------------
if [ ! -x node_modules/.bin/vitest ] || [ ! -d node_modules/webgpu ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

# --- 4. checks ---------------------------------------------------------------------------------------
# Every step runs even when an earlier one failed (a type error should not hide test results); the script
# fails at the end if any did.
failed=()
check() {
  local name=$1; shift
  step "$name"
  if ! "$@"; then failed+=("$name"); printf '\033[31m== FAILED: %s\033[0m\n' "$name"; fi
}

check "tsc --noEmit" npx --no-install tsc --noEmit
results=node_modules/.vitest-results.json
rm -f "$results"
check "vitest run" npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
check "npm run build" npm run build
if [ -f dist/webcu.js ] && [[ ! " ${failed[*]} " =~ " npm run build " ]]; then
  check "dist/webcu.js imports in Node" node --input-type=module - <<'JS'
import { readFileSync, existsSync } from 'node:fs';
const file = 'dist/webcu.js';
const src = readFileSync(file, 'utf8');
const fail = (msg) => { console.error(`${file}: ${msg}`); process.exit(1); };
// Code without strings, template literals and comments (the inlined WGSL is one big string), scanned left to
// right so that quotes in comments and comment markers in strings are handled.
const code = src.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
  (m) => (m[0] === '/' ? ' ' : '""'));
// Everything must be inlined: no static or dynamic imports of anything, no re-exports from modules.
const imports = code.match(/^\s*import\b[^\n]*|^\s*export\b[^\n]*\bfrom\b[^\n]*|\bimport\s*\([^\n]*/gm);
if (imports) fail(`imports left in the bundle:\n  ${imports.join('\n  ')}`);
// No DOM: only navigator.gpu is allowed.
const dom = code.match(/(?<![.\w$])(?:(?:document|window)(?=\s*[.[])|HTML\w*Element\b)|\btypeof\s+(?:document|window)\b/g);
if (dom) fail(`DOM use in the library: ${[...new Set(dom)].join(', ')}`);
if (!existsSync('dist/types/index.d.ts')) fail('dist/types/index.d.ts is missing');
const m = await import(`${process.cwd()}/${file}`);
const names = Object.keys(m);
if (names.length === 0) fail('no exports');
for (const fn of ['cuInit', 'cuMemAlloc']) if (typeof m[fn] !== 'function') fail(`${fn} is not an exported function`);
console.log(`${file}: ${(src.length / 1024).toFixed(1)} KiB, ${names.length} exports, imports in Node without a DOM`);
JS
fi

# One plain closing line with the counts (CI reads it).
if [ -f "$results" ]; then
  node -e 'const r = require(process.argv[1]); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$PWD/$results"
fi
if [ ${#failed[@]} -gt 0 ]; then
  printf '\n\033[31;1m== %d step(s) failed: %s\033[0m (%ds)\n' "${#failed[@]}" "$(IFS=,; echo "${failed[*]}")" "$((SECONDS - start))"
  exit 1
fi
step "all tests passed"
