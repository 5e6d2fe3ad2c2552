import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** Debian's `chromium`, if installed: the report test needs a real browser and skips without one. */
export function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    if (spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0) return name;
  }
  return undefined;
}

export interface PageCheck {
  /** Console errors, uncaught exceptions and error log entries the page produced. */
  errors: string[];
  /** The value of `evaluate` in the loaded page. */
  value: unknown;
  png: Buffer;
}

/**
 * Opens `url` in headless Chromium driven over the DevTools protocol on a pipe (no Playwright),
 * collects console errors, evaluates an expression and takes a full-page screenshot.
 */
export async function checkPage(binary: string, url: string, evaluate: string, width = 1000): Promise<PageCheck> {
  const child = spawn(binary, ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe', '--no-first-run', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const cdp = new Cdp(child);
  try {
    const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const errors: string[] = [];
    cdp.onEvent = (method, params, session) => {
      if (session !== sessionId) return;
      const p = params as Record<string, any>;
      if (method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) errors.push(JSON.stringify(p.args));
      if (method === 'Runtime.exceptionThrown') errors.push(JSON.stringify(p.exceptionDetails));
      if (method === 'Log.entryAdded' && p.entry.level === 'error') errors.push(p.entry.text);
    };
    for (const domain of ['Page', 'Runtime', 'Log']) await cdp.send(`${domain}.enable`, {}, sessionId);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width, height: 800, deviceScaleFactor: 1, mobile: false }, sessionId);
    const loaded = cdp.waitFor('Page.loadEventFired', sessionId);
    await cdp.send('Page.navigate', { url }, sessionId);
    await loaded;
    const result = (await cdp.send('Runtime.evaluate', { expression: evaluate, returnByValue: true }, sessionId)) as {
      result: { value: unknown };
    };
    const shot = (await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sessionId)) as { data: string };
    return { errors, value: result.result.value, png: Buffer.from(shot.data, 'base64') };
  } finally {
    child.kill();
  }
}

/** The DevTools protocol over Chromium's pipe: NUL-terminated JSON messages on fds 3 (in) and 4 (out). */
class Cdp {
  private nextId = 1;
  private buffer = '';
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly waiters: { method: string; session?: string; resolve: () => void }[] = [];
  onEvent: (method: string, params: unknown, session?: string) => void = () => {};

  constructor(private readonly child: ChildProcess) {
    const out = child.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => this.receive(chunk));
    child.once('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`chromium exited (${code})`));
    });
  }

  send(method: string, params: object, sessionId?: string): Promise<unknown> {
    const id = this.nextId++;
    (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  waitFor(method: string, session?: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ method, session, resolve }));
  }

  private receive(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as {
        id?: number;
        method?: string;
        params?: unknown;
        sessionId?: string;
        error?: { message: string };
        result?: unknown;
      };
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined) {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) p?.reject(new Error(message.error.message));
        else p?.resolve(message.result);
      } else if (message.method) {
        this.onEvent(message.method, message.params, message.sessionId);
        for (const [i, w] of [...this.waiters.entries()].reverse()) {
          if (w.method === message.method && (!w.session || w.session === message.sessionId)) {
            this.waiters.splice(i, 1);
            w.resolve();
          }
        }
      }
    }
  }
}
