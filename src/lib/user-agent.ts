// "Chrome on Linux" instead of a raw User-Agent string (issue 13, active sessions), with Bowser:
// a maintained, MIT-licensed parser (ua-parser-js 2 is AGPL).
import Bowser from 'bowser';

/** The browser's and the system's names, when the User-Agent gives them. */
export function userAgentParts(userAgent: string | null | undefined): { browser?: string; os?: string } {
  if (!userAgent) return {};
  const { browser, os } = Bowser.parse(userAgent);
  return { browser: browser.name?.replace(/^Microsoft Edge$/, 'Edge') || undefined, os: os.name || undefined };
}

export function describeUserAgent(userAgent: string | null | undefined): string {
  const { browser, os } = userAgentParts(userAgent);
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? 'Unknown browser';
}
