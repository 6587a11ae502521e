/**
 * Several server instances on one PostgreSQL (issue 4): each keeps its own in-memory directory
 * index, and each must see every availability change made through another at once — a station
 * that becomes full disappears from the other's accepting searches, and reappears when it
 * accepts again — also when the other instance already built its filtered trees (hundreds of
 * matching organisations, so that searches walk a tree rather than a short list).
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, testDatabaseKind } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { bruteForceSearch, type DirectoryEntry } from '../../domain/directory/search-index.js';

const start = new Date('2026-11-26T10:00:00+09:00');
const day = 24 * 3600 * 1000;

describe.skipIf(testDatabaseKind() !== 'postgresql')('several server instances on one PostgreSQL', () => {
  it('see each other’s availability changes, also when filtered trees were built', async () => {
    const first = await startTestApp({ start });
    const second = await startTestApp({ start });
    try {
      // A private patch (a random spot in 北区's quiet north, 建部町; searches start in Okayama City only), away
      // from the other test files' spots, so their rows do not interfere.
      const centre = { lat: 34.86 + Math.random() * 0.005, lng: 133.91 + Math.random() * 0.005 };
      const entries: DirectoryEntry[] = [];
      for (let index = 0; index < 320; index += 1) {
        const lat = Math.round((centre.lat + ((index % 20) - 10) * 0.004) * 1e6) / 1e6;
        const lng = Math.round((centre.lng + (Math.floor(index / 20) - 8) * 0.005) * 1e6) / 1e6;
        const status = index % 5 === 0 ? 'full' : 'accepting';
        const updatedAt = new Date(start.getTime() - (index % 7 === 0 ? 30 : 1) * day);
        const organization = await buildOrganization(first.database, {
          name: `多拠点テスト ${index} ${randomUUID().slice(0, 6)}`,
          kind: 'visiting_nursing',
          lat,
          lng,
          areaCode: null,
          groups: ['elderly'],
          procedures: ['ventilator', 'suction'],
          availabilityStatus: status,
          freeSlots: status === 'full' ? 0 : 2,
          availabilityUpdatedAt: updatedAt,
        });
        entries.push({
          id: organization.id,
          lat,
          lng,
          kind: 'visiting_nursing',
          areaCode: null,
          groups: ['elderly'],
          procedures: ['ventilator', 'suction'],
          isAvailable24h: false,
          coverageRadiusKm: null,
          coverageAreaCodes: [],
          availabilityStatus: status,
          availabilityUpdatedAt: updatedAt.getTime(),
        });
      }
      const { token: searcher } = await signedInAs(first, 'center_coordinator');
      const query = { lat: centre.lat, lng: centre.lng, radiusKm: 3, limit: 30 };
      const path =
        `/api/v1/resources/search?lat=${query.lat}&lng=${query.lng}&radiusKm=${query.radiusKm}&limit=${query.limit}` +
        '&group=elderly&procedure=ventilator&procedure=suction&accepting=true';
      const expected = () =>
        bruteForceSearch(entries, {
          ...query,
          pointAreaCode: '33101',
          kinds: [],
          groups: ['elderly'],
          procedures: ['ventilator', 'suction'],
          acceptingOnly: true,
          nowMs: start.getTime(),
          staleAfterMs: 14 * day,
        }).map((hit) => hit.id);
      const searchOnFirst = async () =>
        (await api(first.baseUrl, 'GET', path, { token: searcher })).body.items.map(
          (item: { organization: { id: string } }) => item.organization.id,
        );
      // The first instance builds its index and trees now.
      const before = await searchOnFirst();
      expect(before).toEqual(expected());
      const nearest = entries.find((entry) => entry.id === before[0])!;

      // Its provider, signed in on the second instance, marks it full, then accepting again.
      const provider = await buildUser(first.database, { role: 'provider', organizationId: nearest.id });
      const token = await login(second, provider.email);
      const full = await api(second.baseUrl, 'PUT', `/api/v1/organizations/${nearest.id}/availability`, {
        token,
        body: { status: 'full', freeSlots: 0 },
        headers: { 'if-match': '"1"' },
      });
      expect(full.status).toBe(200);
      Object.assign(nearest, { availabilityStatus: 'full', availabilityUpdatedAt: start.getTime() });
      const whileFull = await searchOnFirst();
      expect(whileFull).not.toContain(nearest.id);
      expect(whileFull).toEqual(expected());

      const again = await api(second.baseUrl, 'PUT', `/api/v1/organizations/${nearest.id}/availability`, {
        token,
        body: { status: 'accepting', freeSlots: 1 },
        headers: { 'if-match': `"${full.body.version}"` },
      });
      expect(again.status).toBe(200);
      Object.assign(nearest, { availabilityStatus: 'accepting', availabilityUpdatedAt: start.getTime() });
      const afterwards = await searchOnFirst();
      expect(afterwards[0]).toBe(nearest.id);
      expect(afterwards).toEqual(expected());

      // A station that was full starts accepting through the second instance: the first one finds it.
      const reopened = entries.find((entry) => entry.availabilityStatus === 'full')!;
      const reopenedUser = await buildUser(first.database, { role: 'provider', organizationId: reopened.id });
      const reopenedToken = await login(second, reopenedUser.email);
      const reopen = await api(second.baseUrl, 'PUT', `/api/v1/organizations/${reopened.id}/availability`, {
        token: reopenedToken,
        body: { status: 'limited', freeSlots: 1, note: '午前のみ' },
        headers: { 'if-match': '"1"' },
      });
      expect(reopen.status).toBe(200);
      Object.assign(reopened, { availabilityStatus: 'limited', availabilityUpdatedAt: start.getTime() });
      expect(await searchOnFirst()).toEqual(expected());
    } finally {
      await first.close();
      await second.close();
    }
  });
});
