// Helpers for e2e tests (Node): start the Vite dev server that `npm run dev` runs, on a free port, and drive
// the system Chromium with Playwright.
//
//   const server = await startDevServer();            // serves index.html (the demo) from the repo root
//   const browser = await launchChromium();
//   const page = await browser.newPage();
//   await page.goto(server.url);
//   ...
//   await browser.close(); await server.close();
import { existsSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type LaunchOptions } from 'playwright';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A TCP port that was free a moment ago (on localhost). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, 'localhost', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  /** e.g. http://localhost:41234/ (localhost is a secure context: navigator.gpu is exposed) */
  url: string;
  server: ViteDevServer;
  close(): Promise<void>;
}

/**
 * Starts Vite's dev server with the repo's vite.config.ts (what `npm run dev` serves), on a free port.
 * `root` overrides the served directory (e.g. a fixture folder); by default the repo root (index.html).
 */
export async function startDevServer(options: { root?: string } = {}): Promise<DevServer> {
  const port = await freePort();
  const server = await createServer({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    root: options.root ?? REPO_ROOT,
    // A separate dep-optimizer cache, so a concurrently running `npm run dev` is not disturbed.
    cacheDir: fileURLToPath(new URL('../../node_modules/.vite-e2e', import.meta.url)),
    logLevel: 'warn',
    clearScreen: false,
    server: { host: 'localhost', port, strictPort: true, open: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://localhost:${port}/`;
  return { url, server, close: () => server.close() };
}

/** Headless system Chromium with the SwiftShader WebGPU flags. */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install it with apt-get install -y chromium (npm test does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
