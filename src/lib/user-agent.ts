// "Chrome on Linux" instead of a raw User-Agent string (issue 13, active sessions), with Bowser:
// a maintained, MIT-licensed parser (ua-parser-js 2 is AGPL).
import Bowser from 'bowser';

export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown browser';
  const { browser, os } = Bowser.parse(userAgent);
  const name = browser.name?.replace(/^Microsoft Edge$/, 'Edge');
  if (name && os.name) return `${name} on ${os.name}`;
  return name ?? os.name ?? 'Unknown browser';
}
