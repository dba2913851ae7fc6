// The benchmark page (bench/index.html, served by `npm run dev` at /bench/): runs bench/memory.ts,
// bench/sizes.ts and bench/xfer.ts on navigator.gpu, so a user can measure their own GPU.

import * as cu from '../src/index.ts';
import { runMemoryBench, type Row } from './memory.ts';
import { runSizesBench } from './sizes.ts';
import { runXferBench } from './xfer.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const body = $<HTMLTableElement>('rows').tBodies[0];

let device: GPUDevice | null = null;

/** One device for webcu and the WebGPU peer rows: the page makes it and cuInit adopts it. */
async function start(): Promise<GPUDevice> {
  if (device) return device;
  if (!navigator.gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter');
  const l = adapter.limits;
  const dev = await adapter.requestDevice({
    requiredLimits: { maxBufferSize: l.maxBufferSize, maxStorageBufferBindingSize: l.maxStorageBufferBindingSize },
  });
  const r = await cu.cuInit(0, { adapter, device: dev });
  if (r !== cu.CUDA_SUCCESS) throw new Error(`cuInit: ${cu.cuGetErrorName(r)[1]}`);
  const [e] = await cu.cuCtxCreate(0, 0);
  if (e !== cu.CUDA_SUCCESS) throw new Error(`cuCtxCreate: ${cu.cuGetErrorName(e)[1]}`);
  device = dev;
  return dev;
}

function show(row: Row): void {
  const tr = body.insertRow();
  for (const text of [row.op, (row.seconds * 1e3).toFixed(3), row.GBps.toFixed(2)]) tr.insertCell().textContent = text;
}

async function run(which: 'memory' | 'sizes' | 'xfer'): Promise<void> {
  const buttons = document.querySelectorAll('button');
  buttons.forEach((b) => (b.disabled = true));
  body.replaceChildren();
  const sizeMiB = Number($<HTMLSelectElement>('size').value);
  const reps = Math.max(1, Math.min(100, Number($<HTMLInputElement>('reps').value) || 10));
  try {
    const dev = await start();
    status.textContent = `Running on ${cu.cuDeviceGetName(256, 0)[1]}...`;
    const rows =
      which === 'memory' ? await runMemoryBench(dev, sizeMiB, reps, show)
      : which === 'sizes' ? await runSizesBench(sizeMiB, show)
      : await runXferBench(dev, sizeMiB, show, Math.min(256, 16 * reps));
    status.textContent = `Done: ${rows.length} rows.`;
  } catch (e) {
    status.textContent = `Failed: ${e instanceof Error ? e.message : e}`;
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

$('memory').addEventListener('click', () => void run('memory'));
$('sizes').addEventListener('click', () => void run('sizes'));
$('xfer').addEventListener('click', () => void run('xfer'));
