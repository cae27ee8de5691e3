import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { RunningSystem } from './system-harness.js';

/** Debian's Chromium; the tests drive it through playwright-core and never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`;
}

// Without the background-networking flags Chromium keeps trying to reach outside hosts.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  /** A fresh context (storage, cookies) on the system's origin: one person at their own browser. */
  person(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * One headless Chromium (on a new empty profile that playwright makes and
 * removes) trusting the system's self-signed certificate; each person gets a
 * context of their own.
 */
export async function openBrowser(system: RunningSystem): Promise<Browser> {
  const chromiumProcess = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    async person(options = {}) {
      const context = await chromiumProcess.newContext({
        ignoreHTTPSErrors: true,
        acceptDownloads: true,
        locale: 'en-GB',
        viewport: options.viewport ?? { width: 1280, height: 800 },
        baseURL: system.gatewayUrl,
      });
      return context.newPage();
    },
    close: () => chromiumProcess.close(),
  };
}

/** Signs in through the page's own form, as a person does, and waits for the page's answer: its screens or a refusal. */
export async function signIn(page: Page, username: string, password = 'Demo-1234'): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('nav[aria-label="Main"], [role="alert"]').first().waitFor();
}

/** Saves a screenshot for the documentation when WEB_SCREENSHOTS names a folder; otherwise does nothing. */
export async function documentScreen(page: Page, name: string): Promise<void> {
  const folder = process.env.WEB_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: false });
}
