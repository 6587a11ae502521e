/**
 * The organisation list's name search (GET /api/v1/organizations?q=) finds a name however it is
 * typed: hiragana or katakana, full or half width, and 異体字 (髙橋 as 高橋, 川﨑 as 川崎).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';

describe('searching organisations by name', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    ({ token: admin } = await signedInAs(app, 'admin'));
  });
  afterAll(async () => {
    await app.close();
  });

  const names = async (q: string) => {
    const response = await api(app.baseUrl, 'GET', `/api/v1/organizations?q=${encodeURIComponent(q)}&limit=500`, {
      token: admin,
    });
    expect(response.status, response.text).toBe(200);
    return response.body.items.map((item: { name: string }) => item.name) as string[];
  };

  it('finds names written with variant kanji by their common form, and the other way round', async () => {
    const tag = randomUUID().slice(0, 6);
    const name = `㈱髙橋﨑山商会 ${tag}`;
    const created = await api(app.baseUrl, 'POST', '/api/v1/organizations', {
      token: admin,
      body: { name, kind: 'care_management', address: '' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(created.status, created.text).toBe(201);
    expect(await names(`高橋崎山商会 ${tag}`)).toEqual([name]);
    expect(await names(`髙橋﨑山商会${tag}`)).toEqual([name]);
    const plain = `高橋崎山ケア ${tag}`;
    await api(app.baseUrl, 'POST', '/api/v1/organizations', {
      token: admin,
      body: { name: plain, kind: 'care_management', address: '' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(await names(`髙橋﨑山ケア ${tag}`)).toEqual([plain]);
  });
});
