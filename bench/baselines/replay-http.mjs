/**
 * The floor for W1's HTTP rows: a bare node:http server that answers each search path with the
 * exact bytes the app answered for it (recorded by the runner, file in REPLAY_FILE: a JSON object
 * path → body), same content type, no other work. What it measures is what HTTP itself costs on
 * this machine — the connection, the kernel, the wake-ups, the client — at the same rate and over
 * the same connections as the app. Plain JavaScript so it runs with `node` alone.
 */
import http from 'node:http';
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import process from 'node:process';

const bodies = new Map(
  Object.entries(JSON.parse(readFileSync(process.env.REPLAY_FILE, 'utf8'))).map(([path, body]) => [
    path,
    Buffer.from(body),
  ]),
);

const server = http.createServer((request, response) => {
  const body = request.method === 'GET' ? bodies.get(request.url) : undefined;
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end('{"status":"ok"}');
    return;
  }
  if (!body) {
    response.writeHead(404);
    response.end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  response.end(body);
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
