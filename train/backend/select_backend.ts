import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from '../train_config.js';
import { BackendError } from './backend_error.js';
import { patchWasmBatchMatMul } from './wasm_matmul.js';
import { hasVulkanLoader, installNodeWebGpu } from './webgpu_node.js';

export type BackendName = Exclude<BackendChoice, 'auto'>;

export interface ActiveBackend {
  name: BackendName;
  /** What it runs on, and for `auto` why it was picked. */
  detail: string;
}

/**
 * Makes `choice` tfjs's backend. `auto` takes the fastest that initialises: libtensorflow when the
 * user has installed tfjs-node(-gpu) themselves, then WebGPU on a hardware adapter, then WASM
 * (XNNPACK, about 10–15 GFLOP/s per core here), then plain JS.
 */
export async function useBackend(choice: BackendChoice): Promise<ActiveBackend> {
  if (choice !== 'auto') {
    const detail = await initialise(choice, false);
    if (detail === undefined) throw new BackendError(unavailable(choice));
    return { name: choice, detail };
  }
  const skipped: string[] = [];
  for (const name of ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const) {
    const detail = await initialise(name, true).catch((e: Error) => {
      skipped.push(`${name}: ${e.message}`);
      return undefined;
    });
    if (detail !== undefined)
      return { name, detail: skipped.length > 0 ? `${detail} (auto; skipped ${skipped.join('; ')})` : `${detail} (auto)` };
    if (!skipped.some((s) => s.startsWith(`${name}:`))) skipped.push(`${name}: ${unavailable(name)}`);
  }
  throw new BackendError(`no backend initialised: ${skipped.join('; ')}`);
}

/** Sets the backend up; undefined when it is not available here. */
async function initialise(name: BackendName, auto: boolean): Promise<string | undefined> {
  switch (name) {
    case 'tensorflow':
      return (await importTensorflow()) ? set('tensorflow', 'libtensorflow through tfjs-node') : undefined;
    case 'webgpu': {
      // Without the Vulkan loader only the software renderer is left, which auto never picks.
      if (auto && !hasVulkanLoader()) throw new BackendError('no Vulkan loader (libvulkan.so.1), so no hardware adapter');
      const adapter = await installNodeWebGpu();
      if (!adapter) return undefined;
      // A software adapter is slower than wasm: only an explicit --backend webgpu takes it.
      if (auto && adapter.software) throw new BackendError(`only a software adapter (${adapter.description}), slower than wasm`);
      await import('@tensorflow/tfjs-backend-webgpu');
      return set('webgpu', `WebGPU on ${adapter.description}`);
    }
    case 'wasm':
      await import('@tensorflow/tfjs-backend-wasm');
      patchWasmBatchMatMul();
      return set('wasm', 'WebAssembly (XNNPACK, one thread)');
    case 'cpu':
      return set('cpu', 'plain JavaScript');
  }
}

async function set(name: BackendName, detail: string): Promise<string | undefined> {
  // Production mode skips tfjs's debug checks and its advice to install tfjs-node.
  tf.env().set('PROD', true);
  if (!(await tf.setBackend(name))) return undefined;
  await tf.ready();
  return detail;
}

/** tfjs-node-gpu downloads libtensorflow from outside npm when installed, so it is never a dependency: used only if present. */
async function importTensorflow(): Promise<boolean> {
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await import(pkg);
      return true;
    } catch {
      // not installed: try the next
    }
  }
  return false;
}

function unavailable(name: BackendName): string {
  switch (name) {
    case 'tensorflow':
      return 'neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed (npm install one yourself to use libtensorflow)';
    case 'webgpu':
      return 'no WebGPU adapter (needs Vulkan, or Mesa EGL/GLES for the software renderer)';
    default:
      return `the ${name} backend did not initialise`;
  }
}
