/// <reference types="vite/client" />
/// <reference types="@webgpu/types" />

// Shaders are imported as text (`import src from '../../shaders/copy.wgsl?raw'`) and inlined by Vite.
// vite/client already declares '*?raw'; this narrower declaration documents the convention.
declare module '*.wgsl?raw' {
  const source: string;
  export default source;
}
