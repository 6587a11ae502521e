/**
 * Headless Chromium through playwright-core (Debian's /usr/bin/chromium or CHROMIUM_PATH), contexts in
 * Japanese and Asia/Tokyo, and axe-core for accessibility checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The browser's own language decides how date inputs show (年/月/日 rather than mm/dd/yyyy).
  '--lang=ja-JP',
];

/**
 * Launches Chromium. Playwright refuses `--user-data-dir` in `args` for `launch()`; it gives every launch a fresh
 * temporary profile directory of its own and removes it on close, which is what we need.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. Install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath, args: chromiumFlags });
}

export type ContextOptions = { baseUrl: string; viewport?: { width: number; height: number } };

/** A fresh browser context (no cookies) as a Japanese user in Okayama would have it. */
export async function newJapaneseContext(browser: Browser, options: ContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseUrl,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(15_000);
  return context;
}

export type AxeViolation = {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  description: string;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
};

/**
 * Runs axe-core on the page and returns its serious and critical violations (empty when the page passes).
 * axe is evaluated through the DevTools protocol rather than a <script> tag, so the product's strict
 * Content-Security-Policy (script-src 'self') stays in force during the tests.
 */
export async function checkA11y(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate<boolean>('typeof window.axe === "object"');
  if (!hasAxe) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  // A string is evaluated in the page, where axe and document exist (the test's own program has no DOM types).
  const violations = await page.evaluate<unknown[]>('axe.run(document).then((result) => result.violations)');
  return (violations as AxeViolation[]).filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/** A readable summary of violations for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.impact ?? ''} ${violation.id}: ${violation.help}\n${violation.nodes
          .slice(0, 5)
          .map((node) => `  ${node.target.join(' ')} — ${node.failureSummary ?? node.html}`)
          .join('\n')}`,
    )
    .join('\n');
}
