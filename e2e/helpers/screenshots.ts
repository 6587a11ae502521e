/**
 * Screenshots for a person to look at (screenshots/, git-ignored), each taken with an axe-core check of the page
 * as it is.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { projectRoot } from './server.js';
import { checkA11y, describeViolations } from './browser.js';

/** The two sizes every page is looked at: a desktop screen and a phone. */
export const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

export const screenshotDir = join(projectRoot, 'screenshots');

export type CaptureOptions = {
  /** Which of `viewports` the page is shown at, added to the file name and the failure message. */
  size?: string;
  /** Put before the file name only (e.g. 'matching-'), so each spec's pictures sort together. */
  prefix?: string;
};

/**
 * Saves a full-page screenshot as screenshots/<prefix><name>[-<size>].png once the fonts are in, and requires no
 * serious or critical accessibility violation on the page.
 */
export async function captureAndCheck(page: Page, name: string, options: CaptureOptions = {}): Promise<void> {
  const { size, prefix = '' } = options;
  await mkdir(screenshotDir, { recursive: true });
  await page.evaluate('document.fonts.ready');
  await page.screenshot({
    path: join(screenshotDir, `${prefix}${name}${size ? `-${size}` : ''}.png`),
    fullPage: true,
  });
  const violations = await checkA11y(page);
  expect(violations, `${name}${size ? ` (${size})` : ''}:\n${describeViolations(violations)}`).toEqual([]);
}

/** captureAndCheck at each of `viewports` in turn on the same page, which is left at the desktop size. */
export async function captureAtEachSize(page: Page, name: string, options: { prefix?: string } = {}): Promise<void> {
  for (const viewport of viewports) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await captureAndCheck(page, name, { ...options, size: viewport.name });
  }
  await page.setViewportSize({ width: viewports[0].width, height: viewports[0].height });
}
