// Browser tests: the real app on a real HTTP port over the test database, driven by Debian's
// Chromium through playwright-core. Files using it skip themselves when Chromium is missing
// (CI installs it; see .ci/run).
//
//   const b = useBrowserApp();                 // registers beforeAll/afterAll hooks
//   it('...', async () => { const page = await b.newPage(); await page.goto(b.url('/login')); });
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildTestApp } from './http.js';
import { useTestDatabase } from './db.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/** `describe` that skips (with a reason in the name) when no Chromium is installed. */
export const describeBrowser = (name: string, fn: () => void) =>
  hasChromium ? describe(name, fn) : describe.skip(`${name} (skipped: no Chromium at ${CHROMIUM_PATH})`, fn);

export interface BrowserApp {
  readonly baseUrl: string;
  url(path: string): string;
  /** A page in a fresh context (its own cookies): one per simulated person. */
  newPage(options?: { width?: number; height?: number; javaScript?: boolean }): Promise<Page>;
  readonly browser: Browser;
}

export function useBrowserApp(options: { smtpUrl?: () => string | undefined } = {}): BrowserApp {
  useTestDatabase();
  let server: Server | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const app = buildTestApp({ smtpUrl: options.smtpUrl?.() });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The app builds links in emails from the publicUrl setting's default.
    const { setSettingDefault } = await import('../../src/services/settings/settings.js');
    setSettingDefault('publicUrl', baseUrl);
    // playwright-core gives every launch a fresh temporary profile (user data dir).
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  return {
    get baseUrl() {
      return baseUrl;
    },
    url: (path: string) => `${baseUrl}${path}`,
    async newPage({ width = 1280, height = 900, javaScript = true } = {}) {
      if (!browser) throw new Error('browser not started');
      const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: javaScript });
      contexts.push(context);
      const page = await context.newPage();
      // Generous: CI machines have 2 cores shared by the app, the database and Chromium.
      page.setDefaultTimeout(20_000);
      return page;
    },
    get browser() {
      if (!browser) throw new Error('browser not started');
      return browser;
    },
  };
}
