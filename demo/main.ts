// The interactive demo: allocate a small device buffer, run memsets / uploads / device-to-device copies on
// it through webcu's CUDA-named calls, and look at the bytes (read back with cuMemcpyDtoH) and at every
// call's CUresult. A separate panel compresses text on the CPU (demo/encoders.ts) and decodes it on the GPU
// with cuMemBatchDecompressAsync. Plain TypeScript and DOM. Served by `npm run dev` (index.html loads this
// module).

import {
  cuCtxCreate,
  cuCtxSynchronize,
  cuDeviceGetName,
  cuDriverGetVersion,
  cuEventCreate,
  cuEventElapsedTime,
  cuEventRecord,
  cuGetErrorName,
  cuGetErrorString,
  cuInit,
  cuMemAlloc,
  cuMemAllocPitch,
  cuMemBatchDecompressAsync,
  cuMemcpyDtoD,
  cuMemcpyDtoDAsync,
  cuMemcpyDtoH,
  cuMemcpyHtoD,
  cuMemcpyHtoDAsync,
  cuMemFree,
  cuMemGetInfo,
  cuMemsetD16,
  cuMemsetD16Async,
  cuMemsetD2D16,
  cuMemsetD2D16Async,
  cuMemsetD2D32,
  cuMemsetD2D32Async,
  cuMemsetD2D8,
  cuMemsetD2D8Async,
  cuMemsetD32,
  cuMemsetD32Async,
  cuMemsetD8,
  cuMemsetD8Async,
  cuStreamCreate,
  cuStreamSynchronize,
  CUDA_SUCCESS,
  CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE,
  CU_MEM_DECOMPRESS_ALGORITHM_LZ4,
  CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY,
  WEBCU_DECOMPRESS_BAD_BLOCK_TYPE,
  WEBCU_DECOMPRESS_BAD_DISTANCE,
  WEBCU_DECOMPRESS_BAD_HUFFMAN,
  WEBCU_DECOMPRESS_BAD_STORED_LEN,
  WEBCU_DECOMPRESS_BAD_SYMBOL,
  WEBCU_DECOMPRESS_BAD_END,
  WEBCU_DECOMPRESS_OK,
  WEBCU_DECOMPRESS_OUTPUT_OVERFLOW,
  WEBCU_DECOMPRESS_TRUNCATED,
  type CUevent,
  type CUstream,
} from '../src/index.ts';
import { deflateRaw, lz4CompressBlock, snappyCompressRaw } from './encoders.ts';

// ---------------------------------------------------------------------------------------------------------
// Limits of the demo (not of webcu): the grid shows every byte, so keep allocations small.
const MAX_LINEAR = 4096;
const MAX_PITCHED = 8192;
const BYTES_PER_LINE = 16;
/** Largest host array the upload panel builds (N beyond this is passed on as is, with a shorter array). */
const MAX_HOST = 1 << 20;

// ---------------------------------------------------------------------------------------------------------
// DOM helpers

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`demo: #${id} missing from index.html`);
  return e as T;
}
const input = (id: string) => el<HTMLInputElement>(id);
const select = (id: string) => el<HTMLSelectElement>(id);

const ui = {
  status: el('status'),
  deviceName: el('device-name'),
  driverVersion: el('driver-version'),
  memInfo: el('mem-info'),
  allocInfo: el('alloc-info'),
  grid: el('grid'),
  gridCaption: el('grid-caption'),
  changedCount: el('changed-count'),
  log: el('log'),
  memsetHint: el('memset-hint'),
  useStream: input('use-stream'),
  showPadding: input('show-padding'),
};

const buttons = {
  alloc: el<HTMLButtonElement>('btn-alloc'),
  free: el<HTMLButtonElement>('btn-free'),
  memset: el<HTMLButtonElement>('btn-memset'),
  upload: el<HTMLButtonElement>('btn-upload'),
  copy: el<HTMLButtonElement>('btn-copy'),
  decompress: el<HTMLButtonElement>('btn-decompress'),
};

// ---------------------------------------------------------------------------------------------------------
// State

interface Layout {
  /** WidthInBytes asked for. */
  width: number;
  height: number;
  pitch: number;
}

interface Allocation {
  dptr: number;
  size: number;
  /** Set for cuMemAllocPitch allocations. */
  layout: Layout | null;
}

let ready = false;
let busy = false;
let alloc: Allocation | null = null;
/** The bytes on screen (the last readback), and per byte whether the last call changed / targeted it. */
let shown: Uint8Array | null = null;
let changed: Uint8Array = new Uint8Array(0);
let targeted: Uint8Array = new Uint8Array(0);
let stream: CUstream | null = null;
let evStart: CUevent | null = null;
let evStop: CUevent | null = null;
/** Counts completed user actions; tests wait on document.body.dataset.seq. */
let seq = 0;

// ---------------------------------------------------------------------------------------------------------
// Formatting and parsing

/** Integer in decimal or 0x-hex (an optional sign, `_` separators); NaN for anything else. */
function parseNum(s: string): number {
  const t = s.trim().replace(/_/g, '');
  const neg = t.startsWith('-');
  const u = t.replace(/^[+-]/, '');
  if (/^0x[0-9a-f]+$/i.test(u)) return (neg ? -1 : 1) * parseInt(u.slice(2), 16);
  if (/^\d+$/.test(u)) return (neg ? -1 : 1) * Number(u);
  return NaN;
}

const hex = (n: number, width = 0) => (Number.isInteger(n) && n >= 0 ? `0x${n.toString(16).padStart(width, '0')}` : String(n));
const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** A pointer into the allocation as the log shows it: `dptr + 8`. */
function ptrText(off: number, raw: string): string {
  if (Number.isNaN(off)) return `dptr + ${raw.trim() || '?'}`;
  if (off === 0) return 'dptr';
  return off > 0 ? `dptr + ${off}` : `dptr - ${-off}`;
}

const numText = (n: number, raw: string) => (Number.isNaN(n) ? raw.trim() || '?' : String(n));
const valText = (n: number, raw: string) => (Number.isNaN(n) ? raw.trim() || '?' : n >= 0 ? hex(n) : String(n));

function bytesText(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(2)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  if (n >= 2 ** 10) return `${(n / 2 ** 10).toFixed(1)} KiB`;
  return `${n} B`;
}

function errName(r: number): string {
  const [e, name] = cuGetErrorName(r);
  return e === CUDA_SUCCESS && name ? name : `CUresult ${r}`;
}

// ---------------------------------------------------------------------------------------------------------
// The call log (newest first)

function addLogEntry(li: HTMLLIElement): void {
  ui.log.prepend(li);
  while (ui.log.children.length > 300) ui.log.lastElementChild?.remove();
}

/** Logs one webcu call and its CUresult. `aux` calls (events, syncs, info) are shown dimmer. */
function logCall(call: string, result: number, opts: { aux?: boolean; note?: string } = {}): void {
  const li = document.createElement('li');
  li.className = `${result === CUDA_SUCCESS ? 'ok' : 'err'}${opts.aux ? ' aux' : ''}`;
  li.dataset.testid = 'log-entry';
  li.dataset.fn = call.slice(0, call.indexOf('('));
  const name = errName(result);
  li.dataset.result = name;
  const c = document.createElement('span');
  c.className = 'call';
  c.textContent = call;
  const arrow = document.createElement('span');
  arrow.className = 'arrow';
  arrow.textContent = ' → ';
  const res = document.createElement('span');
  res.className = 'result';
  res.textContent = name;
  const [, str] = cuGetErrorString(result);
  if (str) res.title = str;
  li.append(c, arrow, res);
  const note = opts.note ?? (result !== CUDA_SUCCESS && str ? `(${str})` : '');
  if (note) {
    const n = document.createElement('span');
    n.className = 'note';
    n.textContent = note;
    li.append(n);
  }
  addLogEntry(li);
}

/** Logs something the demo itself says (bad input it cannot turn into a call, exceptions). */
function logNote(text: string): void {
  const li = document.createElement('li');
  li.className = 'ui';
  li.dataset.testid = 'log-entry';
  li.dataset.fn = 'demo';
  li.textContent = text;
  addLogEntry(li);
}

// ---------------------------------------------------------------------------------------------------------
// Enabling controls

function refreshControls(): void {
  buttons.alloc.disabled = !ready || busy;
  buttons.decompress.disabled = !ready || busy;
  for (const b of [buttons.free, buttons.memset, buttons.upload, buttons.copy]) b.disabled = !ready || busy || !alloc;
  document.body.dataset.busy = String(busy);
}

function finishAction(): void {
  seq++;
  document.body.dataset.seq = String(seq);
}

/** Runs a user action: one at a time, exceptions logged (webcu is not supposed to throw). */
async function action(f: () => Promise<void>): Promise<void> {
  if (!ready || busy) return;
  busy = true;
  refreshControls();
  try {
    await f();
  } catch (e) {
    logNote(`exception: ${e instanceof Error ? e.message : String(e)}`);
    console.error(e);
  } finally {
    busy = false;
    refreshControls();
    finishAction();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Memory info, readback and the byte grid

function updateMemInfo(log: boolean): void {
  const [r, free, total] = cuMemGetInfo();
  if (log) logCall('cuMemGetInfo()', r, { aux: true, note: r === CUDA_SUCCESS ? `free ${free}, total ${total}` : undefined });
  ui.memInfo.textContent = r === CUDA_SUCCESS ? `free ${bytesText(free)} of ${bytesText(total)}` : errName(r);
  ui.memInfo.dataset.free = String(free);
  ui.memInfo.dataset.total = String(total);
}

/** Marks [start, end) byte ranges, clipped to the allocation. */
function maskOf(size: number, ranges: [number, number][]): Uint8Array {
  const m = new Uint8Array(size);
  for (const [a, b] of ranges) {
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    m.fill(1, Math.max(0, a), Math.min(size, Math.max(0, b)));
  }
  return m;
}

/**
 * Reads the whole allocation back with cuMemcpyDtoH and redraws the grid. `ranges` are the bytes the
 * last call was asked to write (empty when it failed); bytes that differ from the previous readback are
 * "changed".
 */
async function readBack(ranges: [number, number][]): Promise<void> {
  if (!alloc) return;
  const host = new Uint8Array(alloc.size);
  const r = await cuMemcpyDtoH(host, alloc.dptr, alloc.size);
  ui.gridCaption.textContent = `cuMemcpyDtoH(host, dptr, ${alloc.size}) → ${errName(r)}`;
  if (r !== CUDA_SUCCESS) {
    logCall(`cuMemcpyDtoH(host, dptr, ${alloc.size})`, r);
    return;
  }
  const prev = shown && shown.length === host.length ? shown : null;
  changed = new Uint8Array(host.length);
  if (prev) for (let i = 0; i < host.length; i++) changed[i] = prev[i] !== host[i] ? 1 : 0;
  targeted = maskOf(host.length, ranges);
  shown = host;
  renderGrid();
}

function renderGrid(): void {
  const a = alloc;
  const bytes = shown;
  if (!a || !bytes) {
    ui.grid.innerHTML = '<p class="empty">Allocate some device memory to see its bytes.</p>';
    ui.changedCount.textContent = '';
    ui.gridCaption.textContent = '';
    return;
  }
  const lay = a.layout;
  const isPad = (o: number) => (lay ? o % lay.pitch >= lay.width : false);
  const showPad = ui.showPadding.checked;
  const out: string[] = [];
  let run: { start: number; end: number; values: Set<number> } | null = null;
  const flush = () => {
    if (!run) return;
    const n = run.end - run.start;
    const v = run.values.size === 1 ? `all ${hex2([...run.values][0])}` : 'mixed values';
    out.push(
      `<div class="collapsed" data-testid="collapsed">⋯ ${n} padding bytes, +${hex(run.start, 4)}…+${hex(run.end - 1, 4)}, ${v}</div>`,
    );
    run = null;
  };

  for (let line = 0; line < bytes.length; line += BYTES_PER_LINE) {
    const end = Math.min(line + BYTES_PER_LINE, bytes.length);
    if (lay && !showPad) {
      let hidden = true;
      for (let o = line; o < end && hidden; o++) hidden = isPad(o) && !changed[o] && !targeted[o];
      if (hidden) {
        run ??= { start: line, end, values: new Set() };
        run.end = end;
        for (let o = line; o < end; o++) run.values.add(bytes[o]);
        continue;
      }
    }
    flush();
    const rowLabel = lay && line % lay.pitch === 0 ? `<span class="rowno">y=${line / lay.pitch}</span> ` : '';
    const parts: string[] = [`<div class="line"><span class="addr">${rowLabel}+${hex(line, 4)}</span>`];
    let ascii = '';
    for (let o = line; o < line + BYTES_PER_LINE; o++) {
      const gap = o % BYTES_PER_LINE === 7 ? ' gap' : '';
      if (o >= end) {
        parts.push(`<span class="cell${gap}"> </span>`);
        continue;
      }
      const b = bytes[o];
      let cls = 'cell' + gap;
      if (changed[o]) cls += ' changed';
      else if (targeted[o]) cls += ' target';
      if (isPad(o)) cls += ' pad';
      if (b === 0) cls += ' zero';
      parts.push(`<span class="${cls}" data-offset="${o}" title="dptr + ${o} (${hex(o)}) = ${hex(b, 2)}">${hex2(b)}</span>`);
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    const esc = ascii.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    parts.push(`<span class="ascii">${esc}</span></div>`);
    out.push(parts.join(''));
  }
  flush();
  ui.grid.innerHTML = out.join('');

  let nChanged = 0;
  let nWritten = 0;
  for (let i = 0; i < bytes.length; i++) {
    nChanged += changed[i];
    nWritten += targeted[i];
  }
  ui.changedCount.textContent = `last call changed ${nChanged} byte${nChanged === 1 ? '' : 's'} (asked to write ${nWritten})`;
  ui.changedCount.dataset.changed = String(nChanged);
  ui.changedCount.dataset.written = String(nWritten);
}

// ---------------------------------------------------------------------------------------------------------
// Running an operation, synchronously or on a stream

interface Plan {
  /** The synchronous function's name, e.g. cuMemsetD32 (the async one is name + "Async"). */
  fn: string;
  /** Its arguments as text, without the stream. */
  args: string;
  sync: () => Promise<number>;
  async: (s: CUstream) => number;
  /** Byte ranges [start, end) (offsets into the allocation) the call is asked to write. */
  target: [number, number][];
  note?: string;
}

function ensureStream(): boolean {
  if (!stream) {
    const [r, s] = cuStreamCreate(0);
    logCall('cuStreamCreate(0)', r, { aux: true });
    if (r !== CUDA_SUCCESS || !s) return false;
    stream = s;
  }
  for (const which of ['start', 'stop'] as const) {
    if ((which === 'start' ? evStart : evStop) !== null) continue;
    const [r, ev] = cuEventCreate(0);
    logCall('cuEventCreate(0)', r, { aux: true, note: which });
    if (r !== CUDA_SUCCESS || !ev) return false;
    if (which === 'start') evStart = ev;
    else evStop = ev;
  }
  return true;
}

async function execute(p: Plan): Promise<void> {
  if (!alloc) return;
  let r: number;
  if (ui.useStream.checked) {
    if (!ensureStream()) return;
    const s = stream!;
    logCall('cuEventRecord(start, stream)', cuEventRecord(evStart!, s), { aux: true });
    r = p.async(s);
    logCall(`${p.fn}Async(${p.args}, stream)`, r, { note: p.note });
    logCall('cuEventRecord(stop, stream)', cuEventRecord(evStop!, s), { aux: true });
    logCall('cuStreamSynchronize(stream)', await cuStreamSynchronize(s), { aux: true });
    const [re, ms] = cuEventElapsedTime(evStart!, evStop!);
    logCall('cuEventElapsedTime(start, stop)', re, { aux: true, note: re === CUDA_SUCCESS ? `${ms.toFixed(3)} ms` : undefined });
  } else {
    const t0 = performance.now();
    r = await p.sync();
    const ms = performance.now() - t0;
    const note = r === CUDA_SUCCESS ? `${ms.toFixed(2)} ms${p.note ? ' · ' + p.note : ''}` : undefined;
    logCall(`${p.fn}(${p.args})`, r, { note });
  }
  await readBack(r === CUDA_SUCCESS ? p.target : []);
}

// ---------------------------------------------------------------------------------------------------------
// 1 · Allocate / free

function freeCurrent(): void {
  if (!alloc) return;
  const r = cuMemFree(alloc.dptr);
  logCall(`cuMemFree(dptr)`, r, { note: `dptr = ${hex(alloc.dptr)}` });
  alloc = null;
  shown = null;
  renderGrid();
  ui.allocInfo.textContent = 'no allocation';
  delete ui.allocInfo.dataset.dptr;
}

async function allocate(): Promise<void> {
  const pitched = input('alloc-kind-pitched').checked;
  let next: Allocation | null = null;
  if (!pitched) {
    const raw = input('alloc-size').value;
    const n = parseNum(raw);
    if (n > MAX_LINEAR) {
      logNote(`demo limit: at most ${MAX_LINEAR} bytes here (webcu itself takes far more)`);
      return;
    }
    freeCurrent();
    const [r, dptr] = cuMemAlloc(n);
    logCall(`cuMemAlloc(${numText(n, raw)})`, r, { note: r === CUDA_SUCCESS ? `dptr = ${hex(dptr)}` : undefined });
    if (r === CUDA_SUCCESS) next = { dptr, size: n, layout: null };
  } else {
    const rw = input('alloc-width').value;
    const rh = input('alloc-height').value;
    const w = parseNum(rw);
    const h = parseNum(rh);
    const elem = parseNum(select('alloc-elem').value);
    if (w > 1024 || h > 64) {
      logNote(`demo limit: WidthInBytes ≤ 1024, Height ≤ 64, pitch × Height ≤ ${MAX_PITCHED}`);
      return;
    }
    freeCurrent();
    const call = `cuMemAllocPitch(${numText(w, rw)}, ${numText(h, rh)}, ${elem})`;
    const [r, dptr, pitch] = cuMemAllocPitch(w, h, elem);
    logCall(call, r, { note: r === CUDA_SUCCESS ? `dptr = ${hex(dptr)}, pitch = ${pitch}` : undefined });
    if (r === CUDA_SUCCESS) {
      if (pitch * h > MAX_PITCHED) {
        logNote(`demo limit: pitch × Height = ${pitch * h} > ${MAX_PITCHED}; freeing it again`);
        logCall('cuMemFree(dptr)', cuMemFree(dptr));
      } else {
        next = { dptr, size: pitch * h, layout: { width: w, height: h, pitch } };
      }
    }
  }
  updateMemInfo(true);
  if (!next) return;
  alloc = next;
  shown = null;
  const l = next.layout;
  ui.allocInfo.textContent = l
    ? `dptr = ${hex(next.dptr)} · ${l.width} × ${l.height} bytes, pitch ${l.pitch} (${next.size} bytes)`
    : `dptr = ${hex(next.dptr)} · ${next.size} bytes`;
  ui.allocInfo.dataset.dptr = String(next.dptr);
  ui.allocInfo.dataset.size = String(next.size);
  if (l) ui.allocInfo.dataset.pitch = String(l.pitch);
  else delete ui.allocInfo.dataset.pitch;
  // Sensible defaults for the other panels.
  input('upload-count').value = String(next.size);
  if (l) {
    select('memset-kind').value = 'D2D8';
    input('memset-pitch').value = String(l.pitch);
    input('memset-width').value = String(l.width);
    input('memset-height').value = String(l.height);
  } else {
    input('memset-pitch').value = '16';
  }
  syncMemsetFields();
  await readBack([]);
}

// ---------------------------------------------------------------------------------------------------------
// 2 · Memset

type MemsetKind = 'D8' | 'D16' | 'D32' | 'D2D8' | 'D2D16' | 'D2D32';
const ELEM: Record<MemsetKind, 1 | 2 | 4> = { D8: 1, D16: 2, D32: 4, D2D8: 1, D2D16: 2, D2D32: 4 };
const is2D = (k: MemsetKind) => k.startsWith('D2D');

function memsetFields() {
  const kind = select('memset-kind').value as MemsetKind;
  const raw = {
    off: input('memset-offset').value,
    value: input('memset-value').value,
    n: input('memset-count').value,
    pitch: input('memset-pitch').value,
    w: input('memset-width').value,
    h: input('memset-height').value,
  };
  return {
    kind,
    raw,
    off: parseNum(raw.off),
    value: parseNum(raw.value),
    n: parseNum(raw.n),
    pitch: parseNum(raw.pitch),
    w: parseNum(raw.w),
    h: parseNum(raw.h),
  };
}

/** The byte ranges a memset asks to write (for the highlight and the hint). */
function memsetRanges(f: ReturnType<typeof memsetFields>): [number, number][] {
  const size = ELEM[f.kind];
  if (!Number.isInteger(f.off)) return [];
  if (!is2D(f.kind)) return Number.isInteger(f.n) && f.n > 0 ? [[f.off, f.off + f.n * size]] : [];
  if (![f.w, f.h, f.pitch].every(Number.isInteger) || f.w <= 0 || f.h <= 0) return [];
  const rows: [number, number][] = [];
  for (let y = 0; y < Math.min(f.h, 4096); y++) rows.push([f.off + y * f.pitch, f.off + y * f.pitch + f.w * size]);
  return rows;
}

function syncMemsetFields(): void {
  const f = memsetFields();
  const twoD = is2D(f.kind);
  for (const e of document.querySelectorAll<HTMLElement>('#form-memset .f1d')) e.classList.toggle('hidden', twoD);
  for (const e of document.querySelectorAll<HTMLElement>('#form-memset .f2d')) e.classList.toggle('hidden', !twoD);
  const size = ELEM[f.kind];
  const unit = size === 1 ? 'bytes' : `${size * 8}-bit words`;
  const align = size === 1 ? '' : ` dstDevice${twoD ? ' and dstPitch' : ''} must be ${size}-byte aligned.`;
  const ranges = memsetRanges(f);
  let where = '';
  if (ranges.length === 1) where = ` Writes bytes ${ranges[0][0]}…${ranges[0][1] - 1}.`;
  else if (ranges.length > 1) where = ` Writes ${ranges.length} rows of ${ranges[0][1] - ranges[0][0]} bytes, ${f.pitch} apart.`;
  ui.memsetHint.textContent = twoD
    ? `Width counts ${unit}; rows start dstPitch bytes apart.${align}${where}`
    : `N counts ${unit}.${align}${where}`;
}

const MEMSET_SYNC = { D8: cuMemsetD8, D16: cuMemsetD16, D32: cuMemsetD32 };
const MEMSET_ASYNC = { D8: cuMemsetD8Async, D16: cuMemsetD16Async, D32: cuMemsetD32Async };
const MEMSET2D_SYNC = { D2D8: cuMemsetD2D8, D2D16: cuMemsetD2D16, D2D32: cuMemsetD2D32 };
const MEMSET2D_ASYNC = { D2D8: cuMemsetD2D8Async, D2D16: cuMemsetD2D16Async, D2D32: cuMemsetD2D32Async };

async function memset(): Promise<void> {
  if (!alloc) return;
  const f = memsetFields();
  const dst = alloc.dptr + f.off;
  const ptr = ptrText(f.off, f.raw.off);
  const v = valText(f.value, f.raw.value);
  if (f.kind === 'D8' || f.kind === 'D16' || f.kind === 'D32') {
    const k = f.kind;
    await execute({
      fn: `cuMemset${k}`,
      args: `${ptr}, ${v}, ${numText(f.n, f.raw.n)}`,
      sync: () => MEMSET_SYNC[k](dst, f.value, f.n),
      async: (s) => MEMSET_ASYNC[k](dst, f.value, f.n, s),
      target: memsetRanges(f),
    });
  } else {
    const k = f.kind;
    await execute({
      fn: `cuMemset${k}`,
      args: `${ptr}, ${numText(f.pitch, f.raw.pitch)}, ${v}, ${numText(f.w, f.raw.w)}, ${numText(f.h, f.raw.h)}`,
      sync: () => MEMSET2D_SYNC[k](dst, f.pitch, f.value, f.w, f.h),
      async: (s) => MEMSET2D_ASYNC[k](dst, f.pitch, f.value, f.w, f.h, s),
      target: memsetRanges(f),
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// 3 · Upload (host → device)

/** "de ad be ef", "0xde,0xad", "deadbeef" → bytes; undefined when a token is not hex. */
function parseHexBytes(s: string): Uint8Array | undefined {
  const out: number[] = [];
  for (let tok of s.split(/[\s,]+/).filter(Boolean)) {
    tok = tok.replace(/^0x/i, '');
    if (!/^[0-9a-f]+$/i.test(tok)) return undefined;
    if (tok.length % 2) tok = '0' + tok;
    for (let i = 0; i < tok.length; i += 2) out.push(parseInt(tok.slice(i, i + 2), 16));
  }
  return Uint8Array.from(out);
}

async function upload(): Promise<void> {
  if (!alloc) return;
  const mode = select('upload-mode').value;
  const rawOff = input('upload-offset').value;
  const off = parseNum(rawOff);
  let data: Uint8Array;
  let n: number;
  let what: string;
  if (mode === 'hex' || mode === 'text') {
    const text = input('upload-text').value;
    const parsed = mode === 'hex' ? parseHexBytes(text) : new TextEncoder().encode(text);
    if (!parsed) {
      logNote(`not hex bytes: "${text}" (write e.g. "de ad be ef")`);
      return;
    }
    data = parsed;
    n = data.length;
    what = mode === 'hex' ? 'hex bytes' : 'UTF-8 text';
  } else {
    const rawN = input('upload-count').value;
    n = parseNum(rawN);
    const len = Number.isInteger(n) && n > 0 ? Math.min(n, MAX_HOST) : 0;
    data = new Uint8Array(len);
    if (mode === 'iota') for (let i = 0; i < len; i++) data[i] = i & 0xff;
    else crypto.getRandomValues(data);
    what = mode === 'iota' ? '0, 1, 2, …' : 'random bytes';
  }
  const nText = Number.isNaN(n) ? input('upload-count').value.trim() || '?' : String(n);
  await execute({
    fn: 'cuMemcpyHtoD',
    args: `${ptrText(off, rawOff)}, host[${data.length}], ${nText}`,
    sync: () => cuMemcpyHtoD(alloc!.dptr + off, data, n),
    async: (s) => cuMemcpyHtoDAsync(alloc!.dptr + off, data, n, s),
    target: Number.isInteger(off) && Number.isInteger(n) ? [[off, off + n]] : [],
    note: what,
  });
}

// ---------------------------------------------------------------------------------------------------------
// 4 · Copy (device → device)

async function copy(): Promise<void> {
  if (!alloc) return;
  const raw = { src: input('copy-src').value, dst: input('copy-dst').value, n: input('copy-count').value };
  const src = parseNum(raw.src);
  const dst = parseNum(raw.dst);
  const n = parseNum(raw.n);
  const overlap = [src, dst, n].every(Number.isInteger) && n > 0 && src < dst + n && dst < src + n && src !== dst;
  await execute({
    fn: 'cuMemcpyDtoD',
    args: `${ptrText(dst, raw.dst)}, ${ptrText(src, raw.src)}, ${numText(n, raw.n)}`,
    sync: () => cuMemcpyDtoD(alloc!.dptr + dst, alloc!.dptr + src, n),
    async: (s) => cuMemcpyDtoDAsync(alloc!.dptr + dst, alloc!.dptr + src, n, s),
    target: Number.isInteger(dst) && Number.isInteger(n) ? [[dst, dst + n]] : [],
    note: overlap ? 'ranges overlap: the result is undefined in CUDA' : undefined,
  });
}

// ---------------------------------------------------------------------------------------------------------
// 5 · Decompress: compress the text on the CPU (demo/encoders.ts), decode it on the GPU

type Algo = 'deflate' | 'lz4' | 'snappy';

interface AlgoInfo {
  label: string;
  /** The CUDA constant's name, for the log. */
  name: string;
  value: number;
  /** The compressed stream, and the offsets of its control bytes where the format has any. */
  encode: (data: Uint8Array) => Promise<{ bytes: Uint8Array; tags: number[] | null }>;
  /** Where the compressed stream comes from, for the hint. */
  source: string;
  /** What "corrupt one byte" flips. */
  corrupts: string;
}

const ALGOS: Record<Algo, AlgoInfo> = {
  deflate: {
    label: 'Deflate',
    name: 'CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE',
    value: CU_MEM_DECOMPRESS_ALGORITHM_DEFLATE,
    encode: async (data) => ({ bytes: await deflateRaw(data), tags: null }),
    source: "raw Deflate (RFC 1951, no zlib or gzip wrapper) from the browser's own CompressionStream('deflate-raw')",
    corrupts: 'the middle byte of the bit stream',
  },
  lz4: {
    label: 'LZ4',
    name: 'CU_MEM_DECOMPRESS_ALGORITHM_LZ4',
    value: CU_MEM_DECOMPRESS_ALGORITHM_LZ4,
    encode: async (data) => {
      const tags: number[] = [];
      return { bytes: lz4CompressBlock(data, tags), tags };
    },
    source: 'an LZ4 block (no frame, no size prefix) from the greedy encoder in demo/encoders.ts',
    corrupts: 'the sequence token nearest the middle of the block',
  },
  snappy: {
    label: 'Snappy',
    name: 'CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY',
    value: CU_MEM_DECOMPRESS_ALGORITHM_SNAPPY,
    encode: async (data) => {
      const tags: number[] = [];
      return { bytes: snappyCompressRaw(data, tags), tags };
    },
    source: 'raw Snappy without the length preamble (CUDA takes none) from the greedy encoder in demo/encoders.ts',
    corrupts: 'the element tag nearest the middle of the stream',
  },
};

/** Names of the words the `status` extension stores. */
const DECOMPRESS_STATUS: Record<number, string> = {
  [WEBCU_DECOMPRESS_OK]: 'WEBCU_DECOMPRESS_OK',
  [WEBCU_DECOMPRESS_OUTPUT_OVERFLOW]: 'WEBCU_DECOMPRESS_OUTPUT_OVERFLOW',
  [WEBCU_DECOMPRESS_TRUNCATED]: 'WEBCU_DECOMPRESS_TRUNCATED',
  [WEBCU_DECOMPRESS_BAD_BLOCK_TYPE]: 'WEBCU_DECOMPRESS_BAD_BLOCK_TYPE',
  [WEBCU_DECOMPRESS_BAD_HUFFMAN]: 'WEBCU_DECOMPRESS_BAD_HUFFMAN',
  [WEBCU_DECOMPRESS_BAD_DISTANCE]: 'WEBCU_DECOMPRESS_BAD_DISTANCE',
  [WEBCU_DECOMPRESS_BAD_STORED_LEN]: 'WEBCU_DECOMPRESS_BAD_STORED_LEN',
  [WEBCU_DECOMPRESS_BAD_SYMBOL]: 'WEBCU_DECOMPRESS_BAD_SYMBOL',
  [WEBCU_DECOMPRESS_BAD_END]: 'WEBCU_DECOMPRESS_BAD_END',
};
const statusName = (s: number) => DECOMPRESS_STATUS[s] ?? `unknown status ${s}`;

/** Guard bytes on each side of the destination, set to GUARD_FILL before the decode. */
const GUARD = 16;
const GUARD_FILL = 0xcd;
/** Largest text the panel takes (webcu itself decodes up to 4 MiB per operation). */
const MAX_DEC_INPUT = 1 << 20;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function syncDecompressHint(): void {
  const a = ALGOS[select('dec-algo').value as Algo];
  el('dec-hint').textContent =
    `The GPU gets ${a.source}. The destination is exactly the text's UTF-8 size (dstNumBytes), with ${GUARD} ` +
    `guard bytes of ${hex(GUARD_FILL, 2)} on each side that no stream, however corrupt, may touch. ` +
    `"Corrupt one byte" inverts ${a.corrupts}: the formats carry no checksum, so a broken stream shows as ` +
    `a nonzero status or as wrong output.`;
}

/** The byte to flip: the control byte nearest the middle of the stream, or the middle byte if none. */
function corruptionTarget(length: number, tags: number[] | null): number {
  const mid = length >> 1;
  if (!tags || tags.length === 0) return mid;
  return tags.reduce((best, t) => (Math.abs(t - mid) < Math.abs(best - mid) ? t : best));
}

interface DecodeRun {
  algo: Algo;
  plain: Uint8Array;
  packed: Uint8Array;
  /** Index of the flipped byte of `packed` and its original value, when corrupted. */
  flipped: { at: number; was: number } | null;
  /** [guard | destination | guard] as read back. */
  host: Uint8Array;
  act: number;
  status: number;
}

function setDecResult(html: string, data: Record<string, string>): void {
  const box = el('dec-result');
  for (const k of Object.keys(box.dataset)) if (k !== 'testid') delete box.dataset[k];
  Object.assign(box.dataset, data);
  box.innerHTML = html;
}

/** One line of byte cells: `label`, then bytes[from, to) with a class per byte. */
function byteLine(label: string, bytes: Uint8Array, from: number, to: number, cls: (i: number) => string, testid = ''): string {
  const cells: string[] = [];
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    cells.push(`<span class="cell${b === 0 ? ' zero' : ''}${cls(i)}">${hex2(b)}</span>`);
  }
  const id = testid ? ` data-testid="${testid}"` : '';
  return `<div class="line"${id}><span class="addr">${esc(label)}</span>${cells.join('')}</div>`;
}

function showDecodeRun(run: DecodeRun): void {
  const { plain, packed, host, act, status, flipped } = run;
  const a = ALGOS[run.algo];
  const cap = plain.length;
  const dst = host.subarray(GUARD, GUARD + cap);
  const decoded = dst.subarray(0, Math.min(act, cap));
  let diff = -1;
  for (let i = 0; i < Math.min(decoded.length, cap) && diff < 0; i++) if (decoded[i] !== plain[i]) diff = i;
  if (diff < 0 && decoded.length !== cap) diff = Math.min(decoded.length, cap);
  const match = diff < 0;
  const before = host.subarray(0, GUARD);
  const after = host.subarray(GUARD + cap);
  const guardsIntact = [...before, ...after].every((b) => b === GUARD_FILL);
  const hexList = (b: Uint8Array) => [...b].map(hex2).join(' ');

  const ratio = packed.length > 0 ? cap / packed.length : 0;
  const rows: [string, string, string, string][] = [
    ['input', 'dec-input-bytes', '', `${cap} bytes of UTF-8 text`],
    ['compressed', 'dec-compressed', '', `${packed.length} bytes with ${a.label} · ${((100 * packed.length) / cap).toFixed(1)} % · ratio ${ratio.toFixed(2)} : 1`],
  ];
  if (flipped) {
    rows.push(['corrupted', 'dec-flipped', 'warn', `byte ${flipped.at} (${a.corrupts}): ${hex(flipped.was, 2)} → ${hex(packed[flipped.at], 2)}`]);
  }
  rows.push(
    ['dstActBytes', 'dec-act', act === cap ? 'ok' : 'err', `${act}${act === cap ? '' : ` (the text has ${cap})`}`],
    ['status', 'dec-status', status === WEBCU_DECOMPRESS_OK ? 'ok' : 'err', `${status} · ${statusName(status)}`],
    ['decoded = input', 'dec-match', match ? 'ok' : 'err', match ? 'yes, byte for byte' : `no: first difference at byte ${diff}`],
    [
      'guard bytes',
      'dec-guards',
      guardsIntact ? 'ok' : 'err',
      guardsIntact ? `all ${2 * GUARD} still ${hex(GUARD_FILL, 2)}: nothing outside the destination changed` : 'CHANGED: a write escaped the destination',
    ],
  );
  const stats = rows
    .map(([k, id, cls, v]) => `<dt>${esc(k)}</dt><dd data-testid="${id}"${cls ? ` class="${cls}"` : ''}>${esc(v)}</dd>`)
    .join('');

  // Memory around the destination: guard, first and last bytes of the destination, guard.
  const guardCls = (i: number) => (host[i] === GUARD_FILL ? ' guard' : ' guard bad');
  const dstCls = (i: number) => (i - GUARD >= act ? ' unwritten' : '');
  const mem: string[] = [byteLine('dst − 16', host, 0, GUARD, guardCls, 'dec-guard-before')];
  const line = (o: number) => byteLine(`dst + ${o}`, host, GUARD + o, GUARD + Math.min(o + 16, cap), dstCls);
  if (cap <= 48) for (let o = 0; o < cap; o += 16) mem.push(line(o));
  else mem.push(line(0), `<div class="collapsed">⋯ ${cap - 32} bytes</div>`, line(cap - 16));
  mem.push(byteLine(`dst + ${cap}`, host, GUARD + cap, GUARD + cap + GUARD, guardCls, 'dec-guard-after'));

  // The compressed stream: its first bytes, or the bytes around the flipped one.
  const start = flipped && flipped.at >= 32 ? Math.floor(flipped.at / 16) * 16 - 16 : 0;
  const src: string[] = [];
  for (let o = start; o < Math.min(start + 32, packed.length); o += 16) {
    src.push(byteLine(`src + ${o}`, packed, o, Math.min(o + 16, packed.length), (i) => (flipped && i === flipped.at ? ' flipped' : '')));
  }
  const shownSrc = `${start > 0 ? `bytes ${start}…` : 'first bytes'} of ${packed.length}`;

  const text = new TextDecoder().decode(decoded);
  setDecResult(
    `<dl class="dec-stats">${stats}</dl>
     <h3>device memory around <span class="fn">dst</span> <span class="caption">(${hex(GUARD_FILL, 2)}: guard or not written)</span></h3>
     <div class="grid dec-bytes" data-testid="dec-memory">${mem.join('')}</div>
     <h3>compressed stream <span class="caption">(${shownSrc})</span></h3>
     <div class="grid dec-bytes" data-testid="dec-stream">${src.join('')}</div>
     <h3>decoded text <span class="caption">(dst, dstActBytes bytes)</span></h3>
     <pre class="dec-decoded" data-testid="dec-decoded">${esc(text)}</pre>`,
    {
      algo: run.algo,
      inputBytes: String(cap),
      compressedBytes: String(packed.length),
      flipped: flipped ? String(flipped.at) : '',
      dstActBytes: String(act),
      status: String(status),
      statusName: statusName(status),
      match: String(match),
      guardsIntact: String(guardsIntact),
      guardBefore: hexList(before),
      guardAfter: hexList(after),
    },
  );
}

async function decompress(): Promise<void> {
  const algo = select('dec-algo').value as Algo;
  const a = ALGOS[algo];
  const plain = new TextEncoder().encode(el<HTMLTextAreaElement>('dec-text').value);
  if (plain.length === 0) {
    logNote('decompress: type some text first');
    return;
  }
  if (plain.length > MAX_DEC_INPUT) {
    logNote(`demo limit: at most ${MAX_DEC_INPUT} bytes of text here (webcu decodes up to 4 MiB per operation)`);
    return;
  }
  const fail = (why: string) => setDecResult(`<p class="empty err">${esc(why)}: see the call log.</p>`, { algo, failed: 'true' });

  const t0 = performance.now();
  const { bytes: packed, tags } = await a.encode(plain);
  const encodeMs = performance.now() - t0;
  let flipped: DecodeRun['flipped'] = null;
  if (input('dec-corrupt').checked) {
    const at = corruptionTarget(packed.length, tags);
    flipped = { at, was: packed[at] };
    packed[at] ^= 0xff;
  }
  logNote(
    `${a.label} on the CPU: ${plain.length} → ${packed.length} bytes in ${encodeMs.toFixed(2)} ms` +
      (flipped ? `; flipped byte ${flipped.at} (${hex(flipped.was, 2)} → ${hex(packed[flipped.at], 2)})` : ''),
  );

  const cap = plain.length;
  const owned: [string, number][] = [];
  const allocate = (name: string, n: number, note = ''): number => {
    const [r, p] = cuMemAlloc(n);
    logCall(`cuMemAlloc(${n})`, r, { aux: true, note: r === CUDA_SUCCESS ? `${name} = ${hex(p)}${note}` : undefined });
    if (r !== CUDA_SUCCESS) return 0;
    owned.push([name, p]);
    return p;
  };
  try {
    const src = allocate('src', Math.max(1, packed.length));
    const dstBuf = allocate('dstBuf', cap + 2 * GUARD, `, dst = dstBuf + ${GUARD}`);
    const dstActBytes = allocate('dstActBytes', 8, ', status = dstActBytes + 4');
    if (!src || !dstBuf || !dstActBytes) return fail('cuMemAlloc failed');
    const dst = dstBuf + GUARD;
    const status = dstActBytes + 4;

    let r = await cuMemsetD8(dstBuf, GUARD_FILL, cap + 2 * GUARD);
    logCall(`cuMemsetD8(dstBuf, ${hex(GUARD_FILL, 2)}, ${cap + 2 * GUARD})`, r, { aux: true, note: 'guards and destination' });
    if (r !== CUDA_SUCCESS) return fail('cuMemsetD8 failed');
    r = await cuMemsetD32(dstActBytes, 0xffffffff, 2);
    logCall('cuMemsetD32(dstActBytes, 0xffffffff, 2)', r, { aux: true, note: 'dstActBytes and status' });
    if (r !== CUDA_SUCCESS) return fail('cuMemsetD32 failed');
    r = await cuMemcpyHtoD(src, packed, packed.length);
    logCall(`cuMemcpyHtoD(src, host[${packed.length}], ${packed.length})`, r, { note: `${a.label} stream` });
    if (r !== CUDA_SUCCESS) return fail('cuMemcpyHtoD failed');

    const t1 = performance.now();
    const [rb, errorIndex] = cuMemBatchDecompressAsync(
      [{ src, srcNumBytes: packed.length, dst, dstNumBytes: cap, dstActBytes, algo: a.value, status }],
      1,
      0,
      null,
    );
    logCall(
      `cuMemBatchDecompressAsync([{ src, srcNumBytes: ${packed.length}, dst, dstNumBytes: ${cap}, dstActBytes, algo: ${a.name}, status }], 1, 0, NULL)`,
      rb,
      { note: rb === CUDA_SUCCESS ? undefined : `errorIndex = ${errorIndex}` },
    );
    if (rb !== CUDA_SUCCESS) return fail('cuMemBatchDecompressAsync failed');
    r = await cuCtxSynchronize();
    logCall('cuCtxSynchronize()', r, { aux: true, note: r === CUDA_SUCCESS ? `${(performance.now() - t1).toFixed(2)} ms` : undefined });
    if (r !== CUDA_SUCCESS) return fail('cuCtxSynchronize failed');

    const host = new Uint8Array(cap + 2 * GUARD);
    r = await cuMemcpyDtoH(host, dstBuf, host.length);
    logCall(`cuMemcpyDtoH(host, dstBuf, ${host.length})`, r, { note: 'destination and its guards' });
    if (r !== CUDA_SUCCESS) return fail('cuMemcpyDtoH failed');
    const words = new Uint32Array(2);
    r = await cuMemcpyDtoH(words, dstActBytes, 8);
    const [act, st] = words;
    logCall('cuMemcpyDtoH(host, dstActBytes, 8)', r, {
      note: r === CUDA_SUCCESS ? `dstActBytes = ${act}, status = ${st} (${statusName(st)})` : undefined,
    });
    if (r !== CUDA_SUCCESS) return fail('cuMemcpyDtoH failed');
    showDecodeRun({ algo, plain, packed, flipped, host, act, status: st });
  } finally {
    for (const [name, p] of owned.reverse()) logCall(`cuMemFree(${name})`, cuMemFree(p), { aux: true });
    updateMemInfo(false);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Wiring

function onSubmit(formId: string, f: () => Promise<void>): void {
  el<HTMLFormElement>(formId).addEventListener('submit', (e) => {
    e.preventDefault();
    void action(f);
  });
}

function syncAllocFields(): void {
  const pitched = input('alloc-kind-pitched').checked;
  el('alloc-linear-fields').classList.toggle('hidden', pitched);
  el('alloc-pitched-fields').classList.toggle('hidden', !pitched);
}

function syncUploadFields(): void {
  const mode = select('upload-mode').value;
  const text = mode === 'hex' || mode === 'text';
  for (const e of document.querySelectorAll<HTMLElement>('#form-upload .upload-text')) e.classList.toggle('hidden', !text);
  for (const e of document.querySelectorAll<HTMLElement>('#form-upload .upload-n')) e.classList.toggle('hidden', text);
  if (mode === 'text' && /^[\s0-9a-f,x]*$/i.test(input('upload-text').value)) input('upload-text').value = 'Hello, webcu!';
  if (mode === 'hex' && !parseHexBytes(input('upload-text').value)) input('upload-text').value = 'de ad be ef';
}

function wire(): void {
  onSubmit('form-alloc', allocate);
  onSubmit('form-memset', memset);
  onSubmit('form-upload', upload);
  onSubmit('form-copy', copy);
  onSubmit('form-decompress', decompress);
  select('dec-algo').addEventListener('change', syncDecompressHint);
  buttons.free.addEventListener('click', () =>
    void action(async () => {
      freeCurrent();
      updateMemInfo(true);
    }),
  );
  el('btn-clear-log').addEventListener('click', () => ui.log.replaceChildren());
  for (const id of ['alloc-kind-linear', 'alloc-kind-pitched']) input(id).addEventListener('change', syncAllocFields);
  select('upload-mode').addEventListener('change', syncUploadFields);
  el('form-memset').addEventListener('input', syncMemsetFields);
  el('form-memset').addEventListener('change', syncMemsetFields);
  ui.showPadding.addEventListener('change', renderGrid);
  syncAllocFields();
  syncUploadFields();
  syncMemsetFields();
  syncDecompressHint();
  refreshControls();
}

function setStatus(state: 'init' | 'ready' | 'unsupported' | 'error', text: string): void {
  ui.status.dataset.state = state;
  ui.status.textContent = text;
}

async function init(): Promise<void> {
  if (!('gpu' in navigator) || !navigator.gpu) {
    setStatus(
      'unsupported',
      'WebGPU is not available in this browser (navigator.gpu is missing)' +
        (window.isSecureContext ? '. Try a recent Chrome, Edge or Safari, or enable WebGPU.' : ': the page must be served over https or from localhost.'),
    );
    return;
  }
  const r = await cuInit(0);
  logCall('cuInit(0)', r, { aux: true });
  if (r !== CUDA_SUCCESS) {
    setStatus('error', `cuInit failed with ${errName(r)}: WebGPU is there but gave no usable adapter/device.`);
    return;
  }
  const [rc] = await cuCtxCreate(0, 0);
  logCall('cuCtxCreate(0, 0)', rc, { aux: true });
  if (rc !== CUDA_SUCCESS) {
    setStatus('error', `cuCtxCreate failed with ${errName(rc)}.`);
    return;
  }
  const [rn, name] = cuDeviceGetName(256, 0);
  logCall('cuDeviceGetName(256, 0)', rn, { aux: true, note: rn === CUDA_SUCCESS ? JSON.stringify(name) : undefined });
  ui.deviceName.textContent = rn === CUDA_SUCCESS ? name : errName(rn);
  const [rv, version] = cuDriverGetVersion();
  ui.driverVersion.textContent = rv === CUDA_SUCCESS ? `CUDA ${Math.floor(version / 1000)}.${(version % 1000) / 10}` : errName(rv);
  updateMemInfo(true);
  ready = true;
  setStatus('ready', 'Ready: webcu is initialized on WebGPU.');
  refreshControls();
}

window.addEventListener('error', (e) => logNote(`uncaught: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => logNote(`unhandled rejection: ${String(e.reason)}`));

wire();
document.body.dataset.seq = '0';
init()
  .catch((e) => {
    setStatus('error', `initialization threw: ${e instanceof Error ? e.message : String(e)}`);
    console.error(e);
  })
  .finally(refreshControls);
