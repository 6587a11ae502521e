/**
 * Set-up for the discharge journeys: API calls beside the browser (another person acting, or preparing the demo
 * directory), dates in Asia/Tokyo, screenshots with the accessibility check, and locators of the case page.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { projectRoot } from '../helpers/server.js';
import { checkA11y, describeViolations, newJapaneseContext } from '../helpers/browser.js';
import { apiToken, signIn } from '../helpers/demo.js';

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

/** The organisation declares itself accepting (and, if needed, reaching 20 km) so that it is a candidate. */
export async function makeAccepting(baseUrl: string, provider: Provider): Promise<void> {
  let organization = await call(baseUrl, provider.token, 'GET', `organizations/${provider.organizationId}`);
  if (((provider.coverage.radiusKm as number | null) ?? 0) < 15) {
    organization = await call(
      baseUrl,
      provider.token,
      'PATCH',
      `organizations/${provider.organizationId}`,
      { coverage: { radiusKm: 20 } },
      { 'If-Match': `"${organization.version as number}"` },
    );
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

/** Creates a provider user for an organisation (as the admin) and returns its email. */
export async function createProviderUser(baseUrl: string, organizationId: string, email: string): Promise<string> {
  const admin = await apiToken(baseUrl, 'admin@demo.renkei.jp');
  await call(
    baseUrl,
    admin,
    'POST',
    'users',
    {
      email,
      name: '第二ステーション 看護師（E2E）',
      role: 'provider',
      organizationId,
      password: 'renkei-e2e-password-2026',
    },
    { 'Idempotency-Key': `e2e-${email}` },
  );
  return email;
}

export const otherProviderPassword = 'renkei-e2e-password-2026';

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

export const screenshotDir = join(projectRoot, 'screenshots');

const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Saves full-page screenshots of the page as it is now at desktop (1280×800) and phone (390×844) sizes into
 * screenshots/<name>-<size>.png, and requires no serious or critical accessibility violation at either size.
 */
export async function captureAndCheck(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  for (const viewport of viewports) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: join(screenshotDir, `${name}-${viewport.name}.png`), fullPage: true });
    const violations = await checkA11y(page);
    expect(violations, `${name} (${viewport.name}):\n${describeViolations(violations)}`).toEqual([]);
  }
  await page.setViewportSize({ width: viewports[0].width, height: viewports[0].height });
}

/** The card of one team role on the case page (「訪問看護」「主治医」…). */
export function roleCard(page: Page, roleLabel: string): Locator {
  return page
    .locator('li.role-card')
    .filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${roleLabel}`) }) });
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
