import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { registerErrorHandler } from './error-handler.js';
import { registerShutdownRefusal } from './shutdown.js';

describe('requests during shutdown', () => {
  it('finishes the request in flight and refuses the next one with a 503 in the API’s error shape', async () => {
    const app = Fastify({ logger: false, return503OnClosing: false, forceCloseConnections: 'idle' });
    registerErrorHandler(app);
    registerShutdownRefusal(app);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    app.get('/slow', async () => {
      markStarted();
      await released;
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    // One connection: the first request is in flight when the shutdown starts; the second arrives during it.
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      received += chunk;
    });
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const request = 'GET /slow HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n';
    socket.write(request);
    await started;
    const closed = app.close();
    // The server stops listening once the preClose hooks have run.
    const deadline = Date.now() + 5000;
    while (app.server.listening && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(app.server.listening).toBe(false);
    socket.write(request);
    release();
    await ended;
    await closed;

    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses).toHaveLength(2);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(responses[0]).toContain('{"ok":true}');
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(responses[1]?.toLowerCase()).toContain('connection: close');
    const body = JSON.parse(responses[1]?.split('\r\n\r\n')[1] ?? '') as { error: { code: string; message: string } };
    expect(body.error.code).toBe('shutting_down');
    expect(body.error.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
