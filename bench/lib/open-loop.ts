/**
 * An open-loop load generator: requests leave at evenly spaced times (`rate` per second) over
 * `connections` keep-alive connections taken in turn, whatever the answers do, and each latency
 * is measured from the moment its request was written to the moment its answer ended.
 *
 * (autocannon's `overallRate` starts every connection's share of a second at the same instant, so
 * at 50 connections and 100 req/s the server sees bursts of 50 requests: the latencies it reports
 * then measure the burst, not the server.)
 */
import http from 'node:http';
import type { LoadSample } from './load.js';
import { percentile } from './latency.js';

export async function sendOpenLoop(input: {
  baseUrl: string;
  paths: readonly string[];
  headers: Record<string, string>;
  rate: number;
  durationSeconds: number;
  connections: number;
}): Promise<LoadSample & { maxSendLagMs: number }> {
  const url = new URL(input.baseUrl);
  const agents = Array.from({ length: input.connections }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const total = Math.max(1, Math.round(input.rate * input.durationSeconds));
  const intervalMs = 1000 / input.rate;
  const latencies: number[] = [];
  let failures = 0;
  let maxSendLagMs = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    const path = input.paths[index % input.paths.length]!;
    pending.push(
      new Promise<void>((resolve) => {
        const sent = performance.now();
        const request = http.request(
          {
            host: url.hostname,
            port: url.port,
            path,
            method: 'GET',
            headers: input.headers,
            agent: agents[index % agents.length],
          },
          (response) => {
            response.resume();
            response.on('end', () => {
              if ((response.statusCode ?? 0) >= 300) failures += 1;
              latencies.push(performance.now() - sent);
              resolve();
            });
          },
        );
        request.on('error', () => {
          failures += 1;
          resolve();
        });
        request.end();
      }),
    );
  }
  await Promise.all(pending);
  const elapsedSeconds = (performance.now() - started) / 1000;
  for (const agent of agents) agent.destroy();
  if (failures > 0) throw new Error(`${failures} of ${total} requests failed or were not 2xx`);
  return {
    requestsPerSecond: latencies.length / elapsedSeconds,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP99Ms: percentile(latencies, 0.99),
    latencyMaxMs: Math.max(...latencies),
    requests: latencies.length,
    durationSeconds: elapsedSeconds,
    maxSendLagMs,
  };
}
