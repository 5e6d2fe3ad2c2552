import { readFileSync } from 'node:fs';

/**
 * Makes WebGPU available to tfjs in Node through Dawn's binding (the `webgpu` package). tfjs's
 * WebGPU backend looks for `navigator.gpu` when it is imported, so this runs first. A hardware
 * adapter (Vulkan) is preferred; without one, Dawn's OpenGL ES backend on Mesa's software renderer
 * gives a compatibility-mode adapter, slow but exact, which is how tests run this backend on CPUs.
 */
export interface WebGpuAdapter {
  description: string;
  software: boolean;
}

let installed: Promise<WebGpuAdapter | undefined> | undefined;

/** Finds an adapter once per process (each attempt makes Dawn print its warnings again). */
export function installNodeWebGpu(): Promise<WebGpuAdapter | undefined> {
  installed ??= install();
  return installed;
}

async function install(): Promise<WebGpuAdapter | undefined> {
  // Dawn's binary ships for the common platforms only; elsewhere there is simply no WebGPU.
  const dawn = await import('webgpu').catch(() => undefined);
  if (!dawn) return undefined;
  const { create, globals } = dawn;
  Object.assign(globalThis, globals);
  // Mesa's headless EGL needs no display.
  process.env.EGL_PLATFORM ??= 'surfaceless';
  const attempts: { flags: string[]; options: GPURequestAdapterOptions }[] = [
    ...(hasVulkanLoader() ? [{ flags: [], options: {} }] : []),
    { flags: ['backend=opengles'], options: { featureLevel: 'compatibility' } as GPURequestAdapterOptions },
  ];
  for (const { flags, options } of attempts) {
    let gpu: GPU;
    try {
      gpu = create(flags);
    } catch {
      continue;
    }
    const adapter = await gpu.requestAdapter(options).catch(() => null);
    if (!adapter) continue;
    const { device, description, vendor } = adapter.info;
    const name = [vendor, device, description].filter(Boolean).join(' ');
    const wrapped = {
      requestAdapter: (o?: GPURequestAdapterOptions) => gpu.requestAdapter({ ...o, ...options }),
      getPreferredCanvasFormat: () => gpu.getPreferredCanvasFormat(),
      wgslLanguageFeatures: gpu.wgslLanguageFeatures,
    };
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: wrapped }, configurable: true, writable: true });
    return { description: name, software: /llvmpipe|swiftshader|softpipe/i.test(name) };
  }
  return undefined;
}

/** On Linux a hardware adapter needs the Vulkan loader; without it Dawn only prints a warning, so skip asking. */
export function hasVulkanLoader(): boolean {
  if (process.platform !== 'linux') return true;
  try {
    return readFileSync('/etc/ld.so.cache').includes('libvulkan.so.1');
  } catch {
    return true;
  }
}
