import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Misbehaviour a path shows on demand; counted faults apply to that many requests, then stop. */
export interface Fault {
  /** Close the connection after this many body bytes of each of the next `times` answers. */
  drop?: { afterBytes: number; times: number };
  /** Announce `Connection: close`, send this many body bytes, then end the connection cleanly (FIN), on the next `times` answers. */
  finish?: { afterBytes: number; times: number };
  /** Answer 302 with this Location (a URL, or a path relative to the one asked for), whether or not the file exists. */
  redirect?: string;
  /** Answer 503 "SlowDown" to the next `times` requests. */
  unavailable?: number;
  /** Send this many body bytes, then go silent without closing, on the next `times` answers. */
  stall?: { afterBytes: number; times: number };
  /** Answer a Range request with 200 and the whole body. */
  ignoreRange?: boolean;
  /** Serve only the first bytes, as if the file were that short. */
  truncateTo?: number;
  /** ETags of successive answers (the file changing under the client); `"v1"` once they run out. */
  etags?: string[];
  /** Hold each answer back this long (to overlap downloads). */
  delayMs?: number;
}

export interface SeenRequest {
  path: string;
  range: string | undefined;
  status: number;
}

/** A loopback HTTP server over real files that injects faults and records what it was asked. */
export class FaultServer {
  readonly requests: SeenRequest[] = [];
  readonly faults = new Map<string, Fault>();
  /** Most answers in flight at once. */
  maxActive = 0;
  private active = 0;
  private readonly server = createServer((req, res) => void this.answer(req, res));

  private constructor(private readonly files: Map<string, Buffer>) {}

  /** Serves `files` (URL path → file on disk, or bytes) on 127.0.0.1. */
  static async start(files: Record<string, string | Buffer>): Promise<FaultServer> {
    const served = new Map(Object.entries(files).map(([p, f]) => [p, typeof f === 'string' ? readFileSync(f) : f]));
    const s = new FaultServer(served);
    s.server.listen(0, '127.0.0.1');
    await once(s.server, 'listening');
    return s;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  url(path: string): string {
    return this.base + path.replace(/^\//, '');
  }

  /** Requests for one path that carried a Range header. */
  rangeRequests(path: string): string[] {
    return this.requests.filter((r) => r.path === path && r.range).map((r) => r.range!);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url!, this.base).pathname.slice(1));
    const fault = this.faults.get(path) ?? {};
    const seen: SeenRequest = { path, range: req.headers.range, status: 0 };
    this.requests.push(seen);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    res.on('close', () => this.active--);
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));

    if (fault.redirect) return this.send(res, seen, 302, { location: fault.redirect }, Buffer.from('moved'));
    let body = this.files.get(path);
    if (!body) return this.send(res, seen, 404, {}, Buffer.from('not found'));
    if (fault.unavailable) {
      fault.unavailable--;
      return this.send(res, seen, 503, { 'retry-after': '0' }, Buffer.from('SlowDown'));
    }
    if (fault.truncateTo !== undefined) body = body.subarray(0, fault.truncateTo);
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range && !fault.ignoreRange ? Number(range[1]) : 0;
    const headers: Record<string, string> = { etag: fault.etags?.shift() ?? '"v1"', 'content-length': String(body.length - start) };
    if (start > 0) headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    const part = body.subarray(start);

    const cut = fault.drop?.times ? fault.drop : fault.finish?.times ? fault.finish : fault.stall?.times ? fault.stall : undefined;
    if (!cut) return this.send(res, seen, start > 0 ? 206 : 200, headers, part);
    cut.times--;
    seen.status = start > 0 ? 206 : 200;
    // Without keep-alive the client reads a FIN as the end of the answer, not as a dead idle connection.
    if (cut === fault.finish) headers.connection = 'close';
    res.writeHead(seen.status, headers);
    res.write(part.subarray(0, cut.afterBytes), () => {
      // A drop resets the connection mid-body, a finish closes it as if the body were complete; a stall leaves it open and silent.
      if (cut === fault.drop) res.socket?.destroy();
      if (cut === fault.finish) res.socket?.end();
    });
  }

  private send(res: ServerResponse, seen: SeenRequest, status: number, headers: Record<string, string>, body: Buffer): void {
    seen.status = status;
    res.writeHead(status, { 'content-length': String(body.length), ...headers });
    res.end(body);
  }
}
