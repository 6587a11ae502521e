/**
 * Set-up for the discharge journeys: API calls beside the browser (another person acting, or preparing the demo
 * directory), dates in Asia/Tokyo, screenshots with the accessibility check, and locators of the case page.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { projectRoot } from '../helpers/server.js';
import { newJapaneseContext } from '../helpers/browser.js';
import { apiToken, createUserWithOwnPassword, escapeRegExp, signIn } from '../helpers/demo.js';

export type Json = Record<string, any>;

/** One API call with a Bearer token; throws with the answer when it is not 2xx. */
export async function call(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Json> {
  const response = await fetch(`${baseUrl}/api/v1/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? (JSON.parse(text) as Json) : {};
}

/** Today's date in Tokyo plus some days, as YYYY-MM-DD. */
export function tokyoDate(plusDays = 0): string {
  const now = new Date(Date.now() + plusDays * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

export type Provider = { token: string; organizationId: string; name: string; capabilities: Json; coverage: Json };

export async function providerOf(baseUrl: string, email: string): Promise<Provider> {
  const token = await apiToken(baseUrl, email);
  const me = await call(baseUrl, token, 'GET', 'me');
  const organization = await call(baseUrl, token, 'GET', `organizations/${me.organizationId as string}`);
  return {
    token,
    organizationId: organization.id as string,
    name: organization.name as string,
    capabilities: organization.capabilities as Json,
    coverage: organization.coverage as Json,
  };
}

/** Visits reach anywhere in Okayama City from anywhere in it within this radius (the city is about 40 km across). */
const wholeCityRadiusKm = 45;

/**
 * The organisation declares itself accepting, reaching the whole city, and (if given) able to do what the patient
 * needs, so that it is a candidate for a home anywhere in Okayama City. Test set-up through the API, as the
 * organisation's own staff would declare it on 自組織の情報.
 */
export async function makeAccepting(
  baseUrl: string,
  provider: Pick<Provider, 'token' | 'organizationId'>,
  needs?: { groups: string[]; procedures: string[] },
): Promise<void> {
  let organization = await call(baseUrl, provider.token, 'GET', `organizations/${provider.organizationId}`);
  const capabilities = organization.capabilities as { groups: string[]; procedures: string[]; available24h: boolean };
  const change: Json = {};
  if (((organization.coverage as Json).radiusKm ?? 0) < wholeCityRadiusKm)
    change.coverage = { radiusKm: wholeCityRadiusKm };
  if (needs) {
    change.capabilities = {
      groups: [...new Set([...capabilities.groups, ...needs.groups])],
      procedures: [...new Set([...capabilities.procedures, ...needs.procedures])],
      available24h: true,
    };
  }
  if (Object.keys(change).length > 0) {
    organization = await call(baseUrl, provider.token, 'PATCH', `organizations/${provider.organizationId}`, change, {
      'If-Match': `"${organization.version as number}"`,
    });
  }
  await call(
    baseUrl,
    provider.token,
    'PUT',
    `organizations/${provider.organizationId}/availability`,
    { status: 'accepting', freeSlots: 3, note: 'E2E: 受入可' },
    { 'If-Match': `"${organization.version as number}"` },
  );
}

export const otherProviderPassword = 'renkei-e2e-password-2026';

/** Creates a provider user for an organisation (as the admin) and returns its email. */
export async function createProviderUser(
  baseUrl: string,
  organizationId: string,
  email: string,
  name: string,
): Promise<string> {
  const admin = await apiToken(baseUrl, 'admin@demo.renkei.jp');
  await createUserWithOwnPassword(
    baseUrl,
    admin,
    { email, name, role: 'provider', organizationId },
    otherProviderPassword,
  );
  return email;
}

export type Recruit = { id: string; name: string; email: string };

/**
 * Another real organisation of the directory (chosen at random among those of the kind, not a demo one) joins the
 * test: the admin gives it a user, and its staff declare it accepting and able to serve the patient's needs.
 */
export async function recruitOrganization(
  baseUrl: string,
  options: { kind: string; exclude: string[]; needs: { groups: string[]; procedures: string[] }; userName: string },
  random: () => number,
): Promise<Recruit> {
  const admin = await apiToken(baseUrl, 'admin@demo.renkei.jp');
  const list = await call(baseUrl, admin, 'GET', `organizations?kind=${options.kind}&limit=500`);
  const pool = (list.items as { id: string; name: string; isDemo: boolean; lat: number | null }[]).filter(
    (organization) => !organization.isDemo && organization.lat !== null && !options.exclude.includes(organization.id),
  );
  if (pool.length === 0) throw new Error(`no organisation of kind ${options.kind} to recruit`);
  const chosen = oneOf(pool, random);
  const email = await createProviderUser(
    baseUrl,
    chosen.id,
    `${options.kind}-${Date.now()}@e2e.renkei.jp`,
    options.userName,
  );
  const token = await apiToken(baseUrl, email, otherProviderPassword);
  await makeAccepting(baseUrl, { token, organizationId: chosen.id }, options.needs);
  return { id: chosen.id, name: chosen.name, email };
}

/**
 * A seeded random source (mulberry32). The seed is E2E_SEED when set, otherwise the clock; it is printed so that a
 * failing run can be repeated with the same made-up patient and address.
 */
export function seededRandom(label: string): () => number {
  let seed = Number(process.env.E2E_SEED ?? Date.now() % 2_147_483_647) >>> 0;
  console.info(`${label}: E2E_SEED=${seed}`);
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let value = seed;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Home = { ward: string; wardName: string; town: string; address: string; lat: number; lng: number };

/**
 * A made-up home address anywhere in Okayama City: a random 町・字 of the city's four wards (the address list the
 * product's geocoder is built from) with a made-up 番地.
 */
export async function randomOkayamaHome(random: () => number): Promise<Home> {
  const towns = JSON.parse(await readFile(join(projectRoot, 'data/okayama/machiaza.json'), 'utf8')) as {
    city: string;
    town: string;
    lat: number;
    lng: number;
  }[];
  const inCity = towns.filter((town) => town.city.startsWith('岡山市'));
  const town = oneOf(inCity, random);
  const number = `${1 + Math.floor(random() * 30)}-${1 + Math.floor(random() * 20)}`;
  return {
    ward: town.city,
    wardName: town.city.replace('岡山市', ''),
    town: town.town,
    address: `${town.city}${town.town}${number}`,
    lat: town.lat,
    lng: town.lng,
  };
}

/** One item at random (the list must not be empty). */
export function oneOf<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to choose from');
  return item;
}

/** Up to `count` different items at random. */
export function pick<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) {
    const item = oneOf(pool, random);
    pool.splice(pool.indexOf(item), 1);
    chosen.push(item);
  }
  return chosen;
}

/** A signed-in browser context for one person of the journey. */
export async function personContext(
  browser: Browser,
  baseUrl: string,
  email: string,
  password?: string,
  viewport?: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newJapaneseContext(browser, { baseUrl, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

/** The card of one team role on the case page (「訪問看護」「主治医」…). */
export function roleCard(page: Page, roleLabel: string): Locator {
  return page
    .locator('li.role-card')
    .filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${roleLabel}`) }) });
}

/**
 * Ticks the candidate of that name in a role card's candidate list; when it is not among the first candidates
 * shown, asks for more first (「さらに候補を表示する」).
 */
export async function chooseCandidate(card: Locator, name: string): Promise<void> {
  const box = card.getByRole('checkbox', { name: new RegExp(escapeRegExp(name)) });
  // The ranked list (an <ol>): under a short list the 惜しい候補 follow in a <ul> of the same class.
  const ranked = card.locator('ol.candidate-list');
  await ranked.waitFor();
  if ((await box.count()) === 0) {
    await card.getByRole('button', { name: /^さらに候補を表示する/ }).click();
    await ranked.getByText(name).first().waitFor();
  }
  await box.check();
}

/** Waits until a condition holds, polling (for things another person does through the API). */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A case of the demo hospital at a fixed home in 北区, needing a primary doctor, routed to direct coordination
 * through the API (for journeys that start from an existing case). Returns its id.
 */
export async function registerDirectCase(
  baseUrl: string,
  liaisonToken: string,
  patient: { name: string; nameKana: string; birthDate: string; sex: 'male' | 'female'; careLevel: string },
): Promise<string> {
  const { careLevel, ...person } = patient;
  const created = await call(baseUrl, liaisonToken, 'POST', 'cases', {
    patient: { ...person, address: '岡山市北区大供1丁目1-1', lat: 34.6617, lng: 133.9197 },
    groups: ['elderly'],
    procedures: [],
    careLevel,
    plannedDischargeDate: tokyoDate(10),
    admissionDate: tokyoDate(-10),
    consent: { scope: ['referral_summary', 'team_record'], recordedBy: '退院調整看護師', givenBy: 'patient' },
    neededRoles: ['primary_doctor'],
  });
  const caseId = created.id as string;
  await call(
    baseUrl,
    liaisonToken,
    'POST',
    `cases/${caseId}/route`,
    { route: 'direct' },
    { 'If-Match': `"${created.version as number}"` },
  );
  return caseId;
}
