// Binding windows: how a byte range of a GPUBuffer is bound to a kernel. A storage binding starts at a
// multiple of 256 (WebGPU's minStorageBufferOffsetAlignment) and holds at most the device's largest
// binding; kernels read and write whole 16-byte chunks, so a window ends on a 16-byte boundary. Copies,
// fills, batch copies and decompression all bind their buffers through these two functions.

/** Where the window of a range starting at byte `start` begins (the binding's offset). */
export const windowStart = (start: number) => Math.floor(start / 256) * 256;

/** Bytes a window over [start, end) spans (what must fit one binding). */
export const windowSize = (start: number, end: number): number => Math.ceil(end / 16) * 16 - windowStart(start);

/** The binding of [start, end) of `buffer`: never empty (16 bytes at least), never past the buffer's end. */
export function window(buffer: GPUBuffer, start: number, end: number): GPUBufferBinding {
  const offset = windowStart(start);
  return { buffer, offset, size: Math.min(Math.max(Math.ceil(end / 16) * 16, offset + 16), buffer.size) - offset };
}
