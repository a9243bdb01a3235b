// Percentiles from raw latencies (ms). autocannon's own histogram keeps only 2xx answers and
// has no p95, and redirects (302) are the expected answers of switch and login.
export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

export function percentiles(values: number[]): Latency {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]! : NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
