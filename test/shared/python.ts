// python3 for the oracles no npm package provides (liblz4's own decoder: liblz4.ts; zlib's output before an
// error: zlib-inflate.ts). Node only. Bytes travel as base64 inside JSON.
import { spawnSync } from 'node:child_process';

export const base64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
export const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** Runs `script` with `input` as JSON on its stdin and returns the JSON it prints; throws, naming `what`, if python3 fails. */
export function python<T>(what: string, script: string, input: unknown): T {
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout) as T;
}
