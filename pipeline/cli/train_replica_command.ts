import { useBackend } from '../../train/backend/select_backend.js';
import type { ReplicaReply, ReplicaRequest } from '../../train/model/replica_protocol.js';
import { TfjsGptEngine } from '../../train/model/tfjs_gpt_engine.js';

/** `sieve train-replica`: one data-parallel replica, driven over IPC by DataParallelEngine. */
export function trainReplicaCommand(): Promise<number> {
  return new Promise((resolve) => {
    let engine: TfjsGptEngine | undefined;
    let queue = Promise.resolve();
    const reply = (r: ReplicaReply) => {
      process.send!(r);
    };
    process.on('message', (request: ReplicaRequest) => {
      queue = queue.then(async () => {
        try {
          switch (request.kind) {
            case 'init':
              await useBackend(request.backend);
              engine = new TfjsGptEngine(request.shape, request.optim, request.seed);
              return reply({ kind: 'ready' });
            case 'grads':
              return reply({ kind: 'grads', ...(await engine!.gradientSums(request.parts)) });
            case 'apply':
              await engine!.applyGradientSums(request.grads, request.loss, request.count, request.lr);
              return reply({ kind: 'applied' });
            case 'load':
              return engine!.load(request.state);
          }
        } catch (e) {
          reply({ kind: 'error', message: (e as Error).stack ?? String(e) });
        }
      });
    });
    process.once('disconnect', () => {
      engine?.dispose();
      resolve(0);
    });
  });
}
