// The password-strength meter scores in the browser (issue 13): typing sends no request, and the
// meter's score is the one the server computes with the same zxcvbn-ts packages.
import { expect, it } from 'vitest';
import { passwordScore } from '../../src/lib/password-strength.js';
import { describeBrowser, useBrowserApp } from '../helpers/browser.js';

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

describeBrowser('password-strength meter in Chromium', () => {
  const b = useBrowserApp();

  it('scores as the server does, without a request per keystroke', async () => {
    const page = await b.newPage();
    await page.goto(b.url('/register'));
    await page.waitForFunction(() => 'zxcvbnts' in window);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const input = page.locator('#f-password');
    for (const password of ['password', 'Tr0ub4dor&3', 'correct horse battery staple', 'Lantern-Orbit-Quartz-58']) {
      await input.fill('');
      await input.pressSequentially(password, { delay: 5 });
      const expected = passwordScore(password);
      await expect.poll(() => input.getAttribute('data-strength-score')).toBe(String(expected));
      await expect(page.locator('#pw-meter-text').textContent()).resolves.toBe(
        `Password Strength: ${LABELS[expected]}`,
      );
    }
    expect(requests).toEqual([]);
  }, 60_000);
});
