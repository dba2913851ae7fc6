// End-to-end test of the built library: dist/webcu.js (one ES module, `vite build` in library mode) used from
// a browser page's inline <script type="module">, as the package's users would. scripts/test.sh runs Vitest
// before `npm run build`, so this test builds its own copy with the repo's vite.config.ts into
// node_modules/.e2e-dist/ (git-ignored, served by the dev server from the repo root), then opens
// e2e/fixtures/dist.html in headless Chromium (SwiftShader WebGPU) and checks what the page computed.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, REPO_ROOT, startDevServer, type DevServer } from '../test/setup/e2e.ts';

const OUT_DIR = join(REPO_ROOT, 'node_modules/.e2e-dist');
const BUNDLE_PATH = '/node_modules/.e2e-dist/webcu.js';
// Where node_modules is a symlink (a git worktree sharing one install), Vite serves the bundle by its real path.
const REAL_BUNDLE_PATH = `/@fs${realpathSync(join(REPO_ROOT, 'node_modules'))}/.e2e-dist/webcu.js`;

interface PageResult {
  calls: [string, string][];
  error?: string;
  exports: number;
  memset: number[];
  errorIndex: number;
  decoded: number[];
  dstActBytes: number;
  status: number;
}

let server: DevServer | undefined;
let browser: Browser | undefined;
let page: Page;
let result: PageResult;
const pageErrors: string[] = [];
/** Paths of the same-origin requests the page made, with their HTTP status. */
const requests: { path: string; status: number }[] = [];
let servedBundle = '';

beforeAll(async () => {
  await build({
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: OUT_DIR, emptyOutDir: true },
  });
  server = await startDevServer();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`${m.text()} (${m.location().url})`);
  });
  const origin = new URL(server.url).origin;
  page.on('response', async (r) => {
    const url = new URL(r.url());
    if (url.origin !== origin) return;
    const path = url.pathname === REAL_BUNDLE_PATH ? BUNDLE_PATH : url.pathname;
    requests.push({ path, status: r.status() });
    if (path === BUNDLE_PATH) servedBundle = await r.text().catch(() => '');
  });
  const response = await page.goto(new URL('e2e/fixtures/dist.html', server.url).href);
  expect(response?.ok()).toBe(true);
  await page.waitForFunction(() => document.getElementById('result')?.dataset.state !== 'running', null, {
    timeout: 60_000,
  });
  result = await page.evaluate(() => (window as unknown as { __result: PageResult }).__result);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dist/webcu.js in a <script type="module">', () => {
  it('was built as one self-contained ES module and served to the page as built', () => {
    const file = join(OUT_DIR, 'webcu.js');
    expect(existsSync(file)).toBe(true);
    const built = readFileSync(file, 'utf8');
    expect(built).toMatch(/^export\s*\{[^}]*\bcuInit\b/m);
    // The page loaded the bundle, and nothing of the library's sources.
    expect(requests).toContainEqual({ path: BUNDLE_PATH, status: 200 });
    expect(requests.filter((r) => r.path.startsWith('/src/') || r.path.startsWith('/shaders/'))).toEqual([]);
    expect(requests.filter((r) => r.status >= 400)).toEqual([]);
    // The dev server may append a source-map comment, but the code is the built file's.
    const strip = (s: string) => s.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '').trimEnd();
    expect(strip(servedBundle)).toBe(strip(built));
  });

  it('runs init, allocation, copies, a memset and an LZ4 decompression with CUDA_SUCCESS', () => {
    expect(result.error).toBeUndefined();
    expect(result.calls).toEqual([
      ['cuInit', 'CUDA_SUCCESS'],
      ['cuCtxCreate', 'CUDA_SUCCESS'],
      ['cuMemAlloc', 'CUDA_SUCCESS'],
      ['cuMemcpyHtoD', 'CUDA_SUCCESS'],
      ['cuMemsetD8', 'CUDA_SUCCESS'],
      ['cuMemcpyDtoH', 'CUDA_SUCCESS'],
      ['cuMemcpyHtoD', 'CUDA_SUCCESS'],
      ['cuMemsetD8', 'CUDA_SUCCESS'],
      ['cuMemsetD32', 'CUDA_SUCCESS'],
      ['cuMemBatchDecompressAsync', 'CUDA_SUCCESS'],
      ['cuStreamSynchronize', 'CUDA_SUCCESS'],
      ['cuMemcpyDtoH', 'CUDA_SUCCESS'],
      ['cuMemcpyDtoH', 'CUDA_SUCCESS'],
      ['cuMemFree', 'CUDA_SUCCESS'],
    ]);
    expect(result.exports).toBeGreaterThan(50);
  });

  it('cuMemsetD8(p + 1, 0xab, 10) changes exactly bytes 1..10', () => {
    const expected = Array.from({ length: 32 }, (_, i) => (i >= 1 && i <= 10 ? 0xab : i));
    expect(result.memset).toEqual(expected);
  });

  it('decompresses the hand-made LZ4 block byte for byte, writing nothing past the output', () => {
    const text = [...new TextEncoder().encode('abcabcabcabchello')];
    expect(result.errorIndex).toBe(0);
    expect(result.dstActBytes).toBe(17);
    expect(result.status).toBe(0); // WEBCU_DECOMPRESS_OK
    expect(result.decoded).toEqual([...text, ...new Array<number>(64 - text.length).fill(0xee)]);
  });

  it('reported no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
