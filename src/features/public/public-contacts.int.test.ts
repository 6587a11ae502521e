/**
 * The consultation desks for citizens (GET /api/v1/public/contacts): the 地域ケア総合推進センター first, then the
 * 地域包括支援センター by ward, public fields only, each with the 出典 of its record; a phone that is not in the
 * directory stays null, and a disabled desk is not listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization } from '../../../test/helpers/factories.js';
import { PublicContactsResponse } from './public-contacts.schema.js';

describe('GET /api/v1/public/contacts', () => {
  let app: TestApp;
  let center: { id: string };
  let higashi: { id: string };
  let kita: { id: string };
  let closed: { id: string };

  beforeAll(async () => {
    // A database of this file's own: the list is everything of two kinds, which other files create too.
    app = await startTestApp({ isolated: true });
    higashi = await buildOrganization(app.database, {
      kind: 'community_support_center',
      name: 'テスト東区地域包括支援センター',
      areaCode: '33103',
    });
    kita = await buildOrganization(app.database, {
      kind: 'community_support_center',
      name: 'テスト北区地域包括支援センター',
      areaCode: '33101',
      phone: '086-000-0001',
      professionalPhone: '086-999-9999',
    });
    center = await buildOrganization(app.database, {
      kind: 'coordination_center',
      name: 'テスト地域ケア総合推進センター',
      areaCode: '33101',
      phone: '086-000-0000',
      source: 'demo',
    });
    closed = await buildOrganization(app.database, {
      kind: 'community_support_center',
      name: 'テスト閉所地域包括支援センター',
      isDisabled: true,
    });
    await buildOrganization(app.database, { kind: 'visiting_nursing', phone: '086-000-0002' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the Center first, then the support centres by ward, without signing in', async () => {
    const response = await api(app.baseUrl, 'GET', '/api/v1/public/contacts');
    expect(response.status, response.text).toBe(200);
    const body = PublicContactsResponse.parse(response.body);
    expect(body.items.map((item) => item.id)).toEqual([center.id, kita.id, higashi.id]);
    expect(body.items.map((item) => item.id)).not.toContain(closed.id);
  });

  it('gives the public phone or null, never the professionals’ one, and the 出典 of each record', async () => {
    const response = await api(app.baseUrl, 'GET', '/api/v1/public/contacts');
    const body = PublicContactsResponse.parse(response.body);
    const byId = new Map(body.items.map((item) => [item.id, item]));
    expect(byId.get(center.id)).toMatchObject({ phone: '086-000-0000', source: { id: 'demo' } });
    expect(byId.get(kita.id)).toMatchObject({ phone: '086-000-0001', source: { id: 'manual' } });
    expect(byId.get(higashi.id)?.phone).toBeNull();
    expect(response.text).not.toContain('086-999-9999');
  });
});
