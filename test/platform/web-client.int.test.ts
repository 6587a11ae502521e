/**
 * The built web client as production serves it: the page for the client's own paths, each file
 * under assets/ looked up when asked (a client rebuilt in place is served without a restart), and
 * a 404 — never the page — for a file that is not there.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('serving the web client', () => {
  let app: TestApp;
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'renkei-web-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(
      path.join(root, 'index.html'),
      '<!doctype html><title>Renkei</title><script src="/assets/index-old.js"></script>',
    );
    await writeFile(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(root, 'assets', 'index-old.js'), 'console.log("old");');
    app = await startTestApp({ webRoot: root });
  });
  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('answers the client’s own paths with the page and serves its files', async () => {
    for (const url of ['/', '/cases/123', '/directory/search?q=x']) {
      const response = await fetch(`${app.baseUrl}${url}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toMatch(/^text\/html/);
    }
    const script = await fetch(`${app.baseUrl}/assets/index-old.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${app.baseUrl}/favicon.svg`)).status).toBe(200);
  });

  it('serves the files of a client rebuilt in place, without a restart', async () => {
    await rm(path.join(root, 'assets', 'index-old.js'));
    await writeFile(path.join(root, 'assets', 'index-new.js'), 'console.log("new");');
    await writeFile(
      path.join(root, 'index.html'),
      '<!doctype html><title>Renkei</title><script src="/assets/index-new.js"></script>',
    );
    const page = await fetch(`${app.baseUrl}/cases`);
    expect(await page.text()).toContain('/assets/index-new.js');
    const script = await fetch(`${app.baseUrl}/assets/index-new.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('new');
  });

  it('answers a missing file with the JSON 404, never with the page', async () => {
    for (const url of ['/assets/index-old.js', '/assets/nothing.css', '/nothing.png']) {
      const response = await fetch(`${app.baseUrl}${url}`);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-type'), url).toMatch(/^application\/json/);
    }
  });
});
