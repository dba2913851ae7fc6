// Copy descriptors: every copy and fill webcu performs — 1D, 2D, 3D, unaligned, batched, the runtime's —
// is one of these, built by a driver call and lowered by the engine (./engine.ts). As ROCm's HIP funnels
// every 2D copy into its 3D path, there is one shape: rows of `widthBytes` bytes, `height` rows per
// slice, `depth` slices, each side with its own row and slice pitch.

import type { BufferPairs } from './batch.js';

/** Device memory: a GPUBuffer position and the pitches that step to the next row and slice. */
export interface DeviceEndpoint {
  kind: 'device';
  buffer: GPUBuffer;
  offset: number;
  pitch: number;
  slicePitch: number;
}

/** Host memory: `view` starts at the region's first byte and covers its last. */
export interface HostEndpoint {
  kind: 'host';
  view: Uint8Array;
  pitch: number;
  slicePitch: number;
  /** Page-locked (pinned or registered): read when the stream gets there, never snapshotted. */
  pinned: boolean;
}

/** A CUDA array (a texture); the arrays issue plugs it into the engine. */
export interface ArrayEndpoint {
  kind: 'array';
  texture: GPUTexture;
  mipLevel: number;
  layer: number;
  /** Origin in elements. */
  origin: [number, number, number];
  format: GPUTextureFormat;
}

export type Endpoint = DeviceEndpoint | HostEndpoint | ArrayEndpoint;

export interface Extent {
  widthBytes: number;
  height: number;
  depth: number;
}

export interface CopyDesc {
  src: Endpoint;
  dst: Endpoint;
  extent: Extent;
}

/** dst[region] = the 32-bit `pattern` repeated (byte k of each word is byte k of the pattern). */
export interface FillDesc {
  dst: DeviceEndpoint | HostEndpoint;
  extent: Extent;
  pattern: number;
}

/** Copies in no order among themselves, as one unit of their stream (CUDA's batch copies). */
export interface BatchDesc {
  copies: CopyDesc[];
  /**
   * Contiguous device → device copies already grouped by buffer pair, without a descriptor each: a batch
   * may hold tens of thousands of them (driver/batch.ts).
   */
  pairs?: BufferPairs;
}

/** What a validated call hands the copy engine. */
export type Work = CopyDesc | FillDesc | BatchDesc;

/** Bytes from a region's first byte to one past its last, laid out with the given pitches. */
export function span(e: Extent, pitch: number, slicePitch: number): number {
  if (e.widthBytes === 0 || e.height === 0 || e.depth === 0) return 0;
  return (e.depth - 1) * slicePitch + (e.height - 1) * pitch + e.widthBytes;
}

/** The extent of a contiguous run of `n` bytes, and its pitches. */
export const flat = (n: number): { extent: Extent; pitch: number; slicePitch: number } => ({
  extent: { widthBytes: n, height: 1, depth: 1 },
  pitch: n,
  slicePitch: n,
});
