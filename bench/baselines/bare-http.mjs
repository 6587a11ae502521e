/**
 * Baseline for GET /healthz: a bare node:http server answering the same JSON with the same
 * content type, and nothing else. Plain JavaScript so it runs with `node` alone, like dist/.
 */
import http from 'node:http';
import { Buffer } from 'node:buffer';
import process from 'node:process';

const body = JSON.stringify({ status: 'ok', database: 'postgresql' });
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': Buffer.byteLength(body),
};

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/healthz') {
    response.writeHead(200, headers);
    response.end(body);
    return;
  }
  response.writeHead(404);
  response.end();
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
