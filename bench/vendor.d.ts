// Types of the pure-JS codecs the decompression benchmark uses as CPU peers.
declare module 'lz4js' {
  export function compressBound(n: number): number;
  export function compressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, hashTable: Uint32Array): number;
  export function decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
}
declare module 'snappyjs' {
  export function compress(d: Uint8Array): Uint8Array;
  export function uncompress(d: Uint8Array): Uint8Array;
}
