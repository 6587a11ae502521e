/**
 * Screenshots of the citizens' pages (and the login page's way to them) at desktop (1280×800) and phone (390×844)
 * sizes into screenshots/, each checked with axe-core; and the discharge guide printed to an A4 PDF.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { projectRoot, startServer, type RunningServer } from '../helpers/server.js';
import { checkA11y, describeViolations, launchBrowser, newJapaneseContext } from '../helpers/browser.js';

const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const screenshotDir = join(projectRoot, 'screenshots');

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await mkdir(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function capture(page: Page, name: string, viewport: string) {
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: join(screenshotDir, `${name}-${viewport}.png`), fullPage: true });
  const violations = await checkA11y(page);
  expect(violations, `${name} (${viewport}):\n${describeViolations(violations)}`).toEqual([]);
}

const pages = [
  { path: '/public', name: 'public-home', ready: 'h1' },
  { path: '/public/search?place=700-0913&need=visiting_nursing', name: 'public-search', ready: '.citizen-result' },
  { path: '/public/guide/discharge', name: 'guide-discharge', ready: 'h1' },
  { path: '/public/guide/acp', name: 'guide-acp', ready: 'h1' },
  { path: '/public/guide/family-doctor', name: 'guide-family-doctor', ready: 'h1' },
  { path: '/login', name: 'login-citizen-links', ready: '.citizen-links' },
] as const;

describe.each(viewports)('public pages at $name size', (viewport) => {
  it('captures every citizen page', async () => {
    const context = await newJapaneseContext(browser, { baseUrl: server.baseUrl, viewport });
    const page = await context.newPage();
    for (const entry of pages) {
      await page.goto(entry.path);
      await page.locator(entry.ready).first().waitFor();
      await capture(page, entry.name, viewport.name);
    }
    await context.close();
  });
});

describe('leaflet', () => {
  it('prints the discharge guide on A4', async () => {
    const context = await newJapaneseContext(browser, { baseUrl: server.baseUrl });
    const page = await context.newPage();
    await page.goto('/public/guide/discharge');
    await page.locator('h1').waitFor();
    await page.evaluate('document.fonts.ready');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await writeFile(join(screenshotDir, 'guide-discharge-print.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
