// Fixed-rate load, open loop (speed issue): requests leave on a schedule (rate per second) whether
// or not earlier ones have answered, and each latency counts from when the request was DUE, so a
// stall shows as the queue it causes (no coordinated omission), unlike a closed-loop tool that
// simply waits. p50/p99 at a rate the app can sustain are what a person feels.
import http from 'node:http';
import { percentiles, type Latency } from './stats.js';

export interface OpenLoopResult extends Latency {
  name: string;
  rate: number;
  sent: number;
  errors: number;
  /** Requests still unanswered when the run ended (counted as errors too). */
  unanswered: number;
}

export interface OpenLoopRequest {
  path: string;
  headers?: Record<string, string>;
  /** Whether an answer is the expected one. */
  ok: (status: number, body: string) => boolean;
}

export async function openLoop(
  name: string,
  base: string,
  next: (i: number) => OpenLoopRequest,
  rate: number,
  seconds: number,
): Promise<OpenLoopResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const done: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const request = next(i);
    inFlight++;
    done.push(
      new Promise<void>((resolve) => {
        const req = http.request(
          { host: url.hostname, port: url.port, path: request.path, headers: request.headers, agent },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => {
              inFlight--;
              latencies.push(performance.now() - due);
              if (!request.ok(res.statusCode ?? 0, body)) errors++;
              resolve();
            });
          },
        );
        req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
        req.on('error', () => {
          inFlight--;
          errors++;
          resolve();
        });
        req.end();
      }),
    );
  }
  const unanswered = await Promise.race([
    Promise.all(done).then(() => 0),
    new Promise<number>((r) => setTimeout(() => r(inFlight), 15_000)),
  ]);
  agent.destroy();
  return { name, rate, sent: total, errors: errors + unanswered, unanswered, ...percentiles(latencies) };
}
