/**
 * Screenshots of the citizens' pages (and the login page's way to them) at desktop (1280×800) and phone (390×844)
 * sizes into screenshots/, each checked with axe-core; and the discharge guide printed to an A4 PDF.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newJapaneseContext } from '../helpers/browser.js';
import { captureAndCheck, screenshotDir, viewports } from '../helpers/screenshots.js';
import { useServerAndBrowser } from '../helpers/suite.js';

const running = useServerAndBrowser();

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
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl, viewport });
    const page = await context.newPage();
    for (const entry of pages) {
      await page.goto(entry.path);
      await page.locator(entry.ready).first().waitFor();
      await captureAndCheck(page, entry.name, { size: viewport.name });
    }
    await context.close();
  });
});

describe('leaflet', () => {
  it('prints the discharge guide on A4', async () => {
    const context = await newJapaneseContext(running.browser, { baseUrl: running.server.baseUrl });
    const page = await context.newPage();
    await page.goto('/public/guide/discharge');
    await page.locator('h1').waitFor();
    await page.evaluate('document.fonts.ready');
    await mkdir(screenshotDir, { recursive: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await writeFile(join(screenshotDir, 'guide-discharge-print.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
