/** The load generator: autocannon's programmatic API, run from the runner process on loopback. */
import autocannon from 'autocannon';

export type LoadTarget = {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  /** Changes each request before it is sent (e.g. the next path of a list, a per-request header). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
};

export type LoadSample = {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  requests: number;
  durationSeconds: number;
};

/**
 * Sends load for `durationSeconds` with `connections` keep-alive connections. A sample with a
 * non-2xx answer or a connection error is refused: a benchmark of error pages measures nothing.
 */
export async function sendLoad(
  target: LoadTarget,
  options: {
    connections: number;
    durationSeconds: number;
    /** Requests per second from all connections together (open loop); none = as fast as answered. */
    overallRate?: number;
    /** A request without an answer after this many seconds counts as an error (autocannon's default: 10). */
    timeoutSeconds?: number;
  },
): Promise<LoadSample> {
  const result = await autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: target.headers ?? {},
    ...(target.method ? { method: target.method } : {}),
    ...(target.setupRequest ? { requests: [{ setupRequest: target.setupRequest }] } : {}),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    ...(options.timeoutSeconds ? { timeout: options.timeoutSeconds } : {}),
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${target.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `out of ${result.requests.total} requests`,
    );
  }
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    requests: result.requests.total,
    durationSeconds: result.duration,
  };
}
