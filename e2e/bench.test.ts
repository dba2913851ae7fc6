// The benchmark page (bench/index.html at /bench/ of the dev server) in headless Chromium: every suite runs
// on the page's WebGPU (SwiftShader here) and fill the table with positive rates.

import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium, startDevServer, type DevServer } from '../test/setup/e2e.ts';

let server: DevServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startDevServer();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const response = await page.goto(new URL('bench/', server.url).href);
  expect(response?.ok()).toBe(true);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs one suite from its button and returns the table's rows as [operation, ms, GB/s]. */
async function runSuite(button: string): Promise<[string, number, number][]> {
  await page.selectOption('#size', '16');
  await page.fill('#reps', '1');
  await page.click(button);
  await page.waitForFunction(() => /^(Done|Failed)/.test(document.getElementById('status')!.textContent ?? ''), null, { timeout: 110_000 });
  expect(await page.textContent('#status')).toMatch(/^Done/);
  return page.$$eval('#rows tbody tr', (trs) =>
    trs.map((tr) => {
      const c = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      return [c[0], Number(c[1]), Number(c[2])] as [string, number, number];
    }),
  );
}

test('the memory suite runs in the page, next to WebGPU\'s own commands', async () => {
  const rows = await runSuite('#memory');
  const ops = rows.map((r) => r[0]);
  for (const op of ['WebGPU clearBuffer (zero fill)', 'cuMemsetD8 aligned', 'cuMemcpyDtoD aligned', 'cuMemcpy2D DtoD 65536x128 pitch 66048', 'cuMemcpyHtoD pinned']) {
    expect(ops).toContain(op);
  }
  for (const [op, ms, gbps] of rows) if (!op.includes('4 B')) expect({ op, ok: ms > 0 && gbps > 0 }).toEqual({ op, ok: true });
  expect(pageErrors).toEqual([]);
});

test('the size sweep runs in the page', async () => {
  const rows = await runSuite('#sizes');
  expect(rows.map((r) => r[0])).toContain('DtoH pinned 16777216');
  expect(rows.every(([, ms]) => ms > 0)).toBe(true);
  expect(pageErrors).toEqual([]);
});

test('the host transfers run in the page, pinned and pageable, both ways', async () => {
  const rows = await runSuite('#xfer');
  const ops = rows.map((r) => r[0]);
  expect(ops[0]).toMatch(/^DtoH 4 B synchronous/);
  for (const op of ['HtoD pinned 16 MiB', 'HtoD pageable 1 MiB', 'HtoD pageable, synchronous 4 MiB', 'DtoH pinned 16 MiB', 'DtoH pageable 1 MiB', 'DtoH pageable, synchronous 16 MiB']) {
    expect(ops.some((o) => o.startsWith(op))).toBe(true);
  }
  expect(rows.length).toBe(19);
  // The 4-byte round trip shows 0.00 GB/s; every other row a positive rate.
  for (const [op, ms, gbps] of rows) expect({ op, ok: ms > 0 && (op.includes('4 B') || gbps > 0) }).toEqual({ op, ok: true });
  expect(pageErrors).toEqual([]);
});
