// End-to-end test of the interactive demo (index.html + demo/main.ts): Vite's dev server serves it, headless
// Chromium (SwiftShader WebGPU) runs it, and the test drives the UI the way a user would, checking the
// byte grid and the call log against CUDA semantics. The tests of this file run in order on one page.
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startDevServer, type DevServer } from '../test/setup/e2e.ts';

const SCREENSHOT = '/tmp/demo.png';
const SCREENSHOT_DEC = '/tmp/demo-dec.png';

let server: DevServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const tid = (id: string) => `[data-testid="${id}"]`;

async function fill(id: string, value: string | number): Promise<void> {
  await page.fill(tid(id), String(value));
}

/** Clicks a button and waits until the demo has finished the action it started (body[data-seq] moves on). */
async function act(id: string): Promise<void> {
  const before = Number(await page.getAttribute('body', 'data-seq'));
  await page.click(tid(id));
  await page.waitForFunction(
    (prev) => Number(document.body.dataset.seq) > prev && document.body.dataset.busy === 'false',
    before,
    { timeout: 30_000 },
  );
}

interface Grid {
  /** Byte values by offset (every displayed cell). */
  values: number[];
  /** Offsets highlighted as changed by the last call. */
  changed: number[];
}

async function grid(): Promise<Grid> {
  return page.$$eval('[data-testid="grid"] .cell[data-offset]', (cells) => {
    const values: number[] = [];
    const changed: number[] = [];
    for (const c of cells as HTMLElement[]) {
      const o = Number(c.dataset.offset);
      values[o] = parseInt(c.textContent ?? '', 16);
      if (c.classList.contains('changed')) changed.push(o);
    }
    return { values, changed };
  });
}

interface LogEntry {
  fn: string;
  result: string;
  text: string;
}

/** The log, newest entry first. */
async function log(): Promise<LogEntry[]> {
  return page.$$eval('[data-testid="log-entry"]', (lis) =>
    (lis as HTMLElement[]).map((li) => ({ fn: li.dataset.fn ?? '', result: li.dataset.result ?? '', text: li.textContent ?? '' })),
  );
}

/** The newest log entry of function `fn`. */
async function last(fn: string): Promise<LogEntry> {
  const entry = (await log()).find((e) => e.fn === fn);
  if (!entry) throw new Error(`no ${fn} in the log`);
  return entry;
}

/** What the decompression panel reports about its last run (data-* attributes of its result box). */
async function decResult(): Promise<Record<string, string>> {
  return page.$eval(tid('dec-result'), (e) => ({ ...(e as HTMLElement).dataset }) as Record<string, string>);
}

/** Runs the decompression panel with `algo`, corrupting the stream or not. */
async function decompress(algo: string, corrupt: boolean): Promise<Record<string, string>> {
  await page.selectOption(tid('dec-algo'), algo);
  await page.setChecked(tid('dec-corrupt'), corrupt);
  await act('btn-decompress');
  return decResult();
}

const ALGO_NAMES: Record<string, string> = {
  deflate: 'CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE',
  lz4: 'CU_MEM_DECOMPRESS_ALGORITHM_LZ4',
  snappy: 'CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY',
};
const GUARD_HEX = Array(16).fill('cd').join(' ');
/** The text the panel is prefilled with. */
let defaultText = '';

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const iota = (n: number) => Array.from({ length: n }, (_, i) => i & 0xff);

beforeAll(async () => {
  server = await startDevServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  const response = await page.goto(server.url);
  expect(response?.ok()).toBe(true);
  await page.waitForFunction(() => document.getElementById('status')?.dataset.state !== 'init', null, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('webcu demo', () => {
  it('initializes webcu and shows the device and its memory', async () => {
    const status = page.locator(tid('status'));
    expect(await status.textContent()).toMatch(/^Ready/);
    expect(await status.getAttribute('data-state')).toBe('ready');
    const name = (await page.textContent(tid('device-name')))?.trim() ?? '';
    expect(name).not.toBe('');
    expect(name).not.toBe('—');
    expect(await page.textContent(tid('mem-info'))).toMatch(/^free .+ of .+/);
    expect(Number(await page.getAttribute(tid('mem-info'), 'data-total'))).toBeGreaterThan(0);
    for (const fn of ['cuInit', 'cuCtxCreate', 'cuDeviceGetName', 'cuMemGetInfo']) {
      expect((await last(fn)).result).toBe('CUDA_SUCCESS');
    }
  });

  it('allocates 256 bytes and uploads 0, 1, 2, … with cuMemcpyHtoD', async () => {
    await fill('alloc-size', 256);
    await act('btn-alloc');
    const alloc = await last('cuMemAlloc');
    expect(alloc.result).toBe('CUDA_SUCCESS');
    expect(alloc.text).toContain('cuMemAlloc(256)');
    expect(Number(await page.getAttribute(tid('alloc-info'), 'data-size'))).toBe(256);
    expect((await grid()).values).toHaveLength(256);

    await page.selectOption(tid('upload-mode'), 'iota');
    await fill('upload-offset', 0);
    await fill('upload-count', 256);
    await act('btn-upload');
    const up = await last('cuMemcpyHtoD');
    expect(up.result).toBe('CUDA_SUCCESS');
    expect(up.text).toContain('cuMemcpyHtoD(dptr, host[256], 256)');
    expect((await grid()).values).toEqual(iota(256));
    expect(await page.getAttribute(tid('changed-count'), 'data-written')).toBe('256');
  });

  it('memsets D32, D16 and D8 at offsets, changing exactly the bytes asked for', async () => {
    const expected = iota(256);

    await page.selectOption(tid('memset-kind'), 'D32');
    await fill('memset-offset', 8);
    await fill('memset-value', '0xdeadbeef');
    await fill('memset-count', 3);
    await act('btn-memset');
    let e = await last('cuMemsetD32');
    expect(e.result).toBe('CUDA_SUCCESS');
    expect(e.text).toContain('cuMemsetD32(dptr + 8, 0xdeadbeef, 3)');
    for (let i = 0; i < 3; i++) expected.splice(8 + 4 * i, 4, 0xef, 0xbe, 0xad, 0xde); // little-endian words
    let g = await grid();
    expect(g.values).toEqual(expected);
    expect(g.changed).toEqual(range(8, 20));

    await page.selectOption(tid('memset-kind'), 'D16');
    await fill('memset-offset', 30);
    await fill('memset-value', '0x1234');
    await fill('memset-count', 2);
    await act('btn-memset');
    expect((await last('cuMemsetD16')).result).toBe('CUDA_SUCCESS');
    expected.splice(30, 4, 0x34, 0x12, 0x34, 0x12);
    g = await grid();
    expect(g.values).toEqual(expected);
    expect(g.changed).toEqual(range(30, 34));

    // An unsigned char parameter keeps the low 8 bits of the value, as C converts it.
    await page.selectOption(tid('memset-kind'), 'D8');
    await fill('memset-offset', 3);
    await fill('memset-value', '0x1ff');
    await fill('memset-count', 2);
    await act('btn-memset');
    expect((await last('cuMemsetD8')).result).toBe('CUDA_SUCCESS');
    expected.splice(3, 2, 0xff, 0xff);
    g = await grid();
    expect(g.values).toEqual(expected);
    expect(g.changed).toEqual([3, 4]);
  });

  it('rejects a misaligned cuMemsetD32 with CUDA_ERROR_INVALID_VALUE and changes nothing', async () => {
    const before = (await grid()).values;
    await page.selectOption(tid('memset-kind'), 'D32');
    await fill('memset-offset', 2);
    await fill('memset-value', '0x11223344');
    await fill('memset-count', 1);
    await act('btn-memset');
    const e = await last('cuMemsetD32');
    expect(e.text).toContain('cuMemsetD32(dptr + 2, 0x11223344, 1)');
    expect(e.result).toBe('CUDA_ERROR_INVALID_VALUE');
    const g = await grid();
    expect(g.values).toEqual(before);
    expect(g.changed).toEqual([]);
    expect(await page.getAttribute(tid('changed-count'), 'data-changed')).toBe('0');
  });

  it('copies device to device between unaligned offsets, and rejects an out-of-range copy', async () => {
    const before = (await grid()).values;
    await fill('copy-src', 8);
    await fill('copy-dst', 101);
    await fill('copy-count', 12);
    await act('btn-copy');
    const e = await last('cuMemcpyDtoD');
    expect(e.text).toContain('cuMemcpyDtoD(dptr + 101, dptr + 8, 12)');
    expect(e.result).toBe('CUDA_SUCCESS');
    const expected = before.slice();
    expected.splice(101, 12, ...before.slice(8, 20));
    let g = await grid();
    expect(g.values).toEqual(expected);
    expect(g.changed).toEqual(range(101, 113));
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Reading past the end of the allocation (250 + 12 > 256).
    await fill('copy-src', 250);
    await fill('copy-dst', 0);
    await fill('copy-count', 12);
    await act('btn-copy');
    expect((await last('cuMemcpyDtoD')).result).toBe('CUDA_ERROR_INVALID_VALUE');
    g = await grid();
    expect(g.values).toEqual(expected);
    expect(g.changed).toEqual([]);
  });

  it('runs a memset on a stream between two events', async () => {
    const before = (await grid()).values;
    await page.check(tid('use-stream'));
    await page.selectOption(tid('memset-kind'), 'D8');
    await fill('memset-offset', 200);
    await fill('memset-value', '0x5a');
    await fill('memset-count', 7);
    await act('btn-memset');
    await page.uncheck(tid('use-stream'));
    const entries = await log();
    const fns = entries.slice(0, 5).map((x) => `${x.fn} ${x.result}`);
    expect(fns).toEqual([
      'cuEventElapsedTime CUDA_SUCCESS',
      'cuStreamSynchronize CUDA_SUCCESS',
      'cuEventRecord CUDA_SUCCESS',
      'cuMemsetD8Async CUDA_SUCCESS',
      'cuEventRecord CUDA_SUCCESS',
    ]);
    expect(entries[3].text).toContain('cuMemsetD8Async(dptr + 200, 0x5a, 7, stream)');
    expect(entries[0].text).toMatch(/\d+\.\d{3} ms/);
    const expected = before.slice();
    expected.fill(0x5a, 200, 207);
    const g = await grid();
    expect(g.values).toEqual(expected);
    expect(g.changed).toEqual(range(200, 207));
  });

  it('memsets a pitched 2D allocation row by row, leaving the padding alone', async () => {
    await page.check(tid('alloc-kind-pitched'));
    await fill('alloc-width', 40);
    await fill('alloc-height', 3);
    await page.selectOption(tid('alloc-elem'), '4');
    await act('btn-alloc');
    expect((await last('cuMemFree')).result).toBe('CUDA_SUCCESS');
    const a = await last('cuMemAllocPitch');
    expect(a.text).toContain('cuMemAllocPitch(40, 3, 4)');
    expect(a.result).toBe('CUDA_SUCCESS');
    const pitch = Number(await page.getAttribute(tid('alloc-info'), 'data-pitch'));
    expect(pitch).toBeGreaterThanOrEqual(40);
    expect(pitch % 256).toBe(0);
    const size = pitch * 3;

    await page.check(tid('show-padding'));
    await page.selectOption(tid('upload-mode'), 'iota');
    await fill('upload-offset', 0);
    await fill('upload-count', size);
    await act('btn-upload');
    expect((await last('cuMemcpyHtoD')).result).toBe('CUDA_SUCCESS');
    const expected = iota(size);
    expect((await grid()).values).toEqual(expected);

    // The demo proposes the allocation's own shape for the 2D memset.
    expect(await page.inputValue(tid('memset-kind'))).toBe('D2D8');
    expect(await page.inputValue(tid('memset-pitch'))).toBe(String(pitch));
    await fill('memset-offset', 0);
    await fill('memset-value', '0xaa');
    await fill('memset-width', 40);
    await fill('memset-height', 3);
    await act('btn-memset');
    const e = await last('cuMemsetD2D8');
    expect(e.text).toContain(`cuMemsetD2D8(dptr, ${pitch}, 0xaa, 40, 3)`);
    expect(e.result).toBe('CUDA_SUCCESS');
    const rows = [0, 1, 2].flatMap((y) => range(y * pitch, y * pitch + 40));
    for (const o of rows) expected[o] = 0xaa;
    let g = await grid();
    expect(g.values).toEqual(expected);
    // Each row held 0, 1, …, 39 there, so every byte written changed.
    expect(g.changed).toEqual(rows);

    // A D2D32 memset whose pitch is not a multiple of 4 is invalid.
    await page.selectOption(tid('memset-kind'), 'D2D32');
    await fill('memset-pitch', pitch - 2);
    await fill('memset-width', 2);
    await fill('memset-height', 2);
    await act('btn-memset');
    expect((await last('cuMemsetD2D32')).result).toBe('CUDA_ERROR_INVALID_VALUE');
    g = await grid();
    expect(g.values).toEqual(expected);
    expect(g.changed).toEqual([]);

    // Collapsed padding: the rows' untouched tails are summarized, not drawn.
    await page.uncheck(tid('show-padding'));
    expect(await page.locator(tid('collapsed')).count()).toBe(3);
  });

  it('compresses text on the CPU and decodes it on the GPU with Deflate, LZ4 and Snappy, byte for byte', async () => {
    const text = (defaultText = await page.inputValue(tid('dec-text')));
    const n = Buffer.byteLength(text, 'utf8');
    expect(n).toBeGreaterThan(100);
    for (const algo of ['deflate', 'lz4', 'snappy']) {
      const r = await decompress(algo, false);
      expect(r.algo).toBe(algo);
      expect(r.status).toBe('0');
      expect(r.statusName).toBe('WEBCU_DECOMPRESS_OK');
      expect(r.match).toBe('true');
      expect(r.inputBytes).toBe(String(n));
      expect(r.dstActBytes).toBe(String(n));
      expect(Number(r.compressedBytes)).toBeGreaterThan(0);
      expect(Number(r.compressedBytes)).toBeLessThan(n); // the default text repeats itself
      expect(r.guardsIntact).toBe('true');
      expect(r.guardBefore).toBe(GUARD_HEX);
      expect(r.guardAfter).toBe(GUARD_HEX);
      expect(await page.textContent(tid('dec-status'))).toBe('0 · WEBCU_DECOMPRESS_OK');
      expect(await page.textContent(tid('dec-decoded'))).toBe(text);

      // The calls, newest first: read back, synchronize, decode, upload.
      const entries = await log();
      const batch = await last('cuMemBatchDecompressAsync');
      expect(batch.result).toBe('CUDA_SUCCESS');
      expect(batch.text).toContain(`srcNumBytes: ${r.compressedBytes}, dst, dstNumBytes: ${n}, dstActBytes, algo: ${ALGO_NAMES[algo]}, status }], 1, 0, NULL)`);
      const i = entries.findIndex((e) => e.fn === 'cuMemBatchDecompressAsync');
      expect(entries.slice(i - 3, i + 2).map((e) => `${e.fn} ${e.result}`)).toEqual([
        'cuMemcpyDtoH CUDA_SUCCESS',
        'cuMemcpyDtoH CUDA_SUCCESS',
        'cuCtxSynchronize CUDA_SUCCESS',
        'cuMemBatchDecompressAsync CUDA_SUCCESS',
        'cuMemcpyHtoD CUDA_SUCCESS',
      ]);
      expect(entries[i - 3].text).toContain(`dstActBytes = ${n}, status = 0 (WEBCU_DECOMPRESS_OK)`);
      // Its three allocations are freed again.
      expect(entries.slice(0, 3).map((e) => `${e.fn} ${e.result}`)).toEqual(Array(3).fill('cuMemFree CUDA_SUCCESS'));
    }
    await page.screenshot({ path: SCREENSHOT_DEC, fullPage: true });
  });

  it('round-trips text the user types, multi-byte UTF-8 included', async () => {
    const text = 'Grüße aus der GPU ✓ — '.repeat(12) + 'ende.';
    await fill('dec-text', text);
    const n = Buffer.byteLength(text, 'utf8');
    for (const algo of ['snappy', 'lz4', 'deflate']) {
      const r = await decompress(algo, false);
      expect([r.status, r.match, r.dstActBytes, r.guardsIntact]).toEqual(['0', 'true', String(n), 'true']);
      expect(await page.textContent(tid('dec-decoded'))).toBe(text);
    }
  });

  it('a corrupted stream reports a nonzero status or a mismatch, and nothing outside the destination changes', async () => {
    await fill('dec-text', defaultText);
    const n = Buffer.byteLength(defaultText, 'utf8');
    const statuses: Record<string, string> = {};
    for (const algo of ['deflate', 'lz4', 'snappy']) {
      const r = await decompress(algo, true);
      expect(r.algo).toBe(algo);
      const at = Number(r.flipped);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(at).toBeLessThan(Number(r.compressedBytes));
      if (algo === 'deflate') expect(at).toBe(Number(r.compressedBytes) >> 1);
      expect(r.status !== '0' || r.match === 'false').toBe(true);
      statuses[algo] = r.statusName;
      expect(Number(r.dstActBytes)).toBeLessThanOrEqual(n);
      expect(r.guardsIntact).toBe('true');
      expect(r.guardBefore).toBe(GUARD_HEX);
      expect(r.guardAfter).toBe(GUARD_HEX);
      expect(await page.textContent(tid('dec-guard-after'))).toBe(`dst + ${n}` + Array(16).fill('cd').join(''));
      expect(await page.locator(`${tid('dec-stream')} .cell.flipped`).count()).toBe(1);
      expect((await last('cuMemBatchDecompressAsync')).result).toBe('CUDA_SUCCESS');
    }
    // Every status the panel shows is one of webcu's names. LZ4 and Snappy lose a control byte (token, tag),
    // which breaks the stream's structure rather than changing a character.
    for (const name of Object.values(statuses)) expect(name).toMatch(/^WEBCU_DECOMPRESS_[A-Z_]+$/);
    expect(statuses.lz4).not.toBe('WEBCU_DECOMPRESS_OK');
    expect(statuses.snappy).not.toBe('WEBCU_DECOMPRESS_OK');
    await page.screenshot({ path: '/tmp/demo-dec-corrupt.png', fullPage: true });

    // Unchecking the box decodes cleanly again.
    const r = await decompress('lz4', false);
    expect([r.status, r.match, r.flipped]).toEqual(['0', 'true', '']);
  });

  it('reported no page errors', () => {
    expect(pageErrors).toEqual([]);
  });

  it('says plainly when the browser has no WebGPU', async () => {
    const p = await browser.newPage();
    try {
      await p.addInitScript(() => {
        delete (Navigator.prototype as { gpu?: unknown }).gpu;
      });
      await p.goto(server.url);
      await p.waitForFunction(() => document.getElementById('status')?.dataset.state !== 'init');
      expect(await p.getAttribute(tid('status'), 'data-state')).toBe('unsupported');
      expect(await p.textContent(tid('status'))).toContain('WebGPU is not available');
      expect(await p.isDisabled(tid('btn-alloc'))).toBe(true);
      expect(await p.isDisabled(tid('btn-decompress'))).toBe(true);
    } finally {
      await p.close();
    }
  });
});
