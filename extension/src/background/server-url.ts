/** Loopback hosts: the only ones a token may travel to over plain http (it never leaves the machine). */
const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/i;

export const isLoopback = (url: string) => LOOPBACK.test(new URL(url).hostname);

/**
 * Normalises what a person types as a server URL: scheme added (https unless
 * loopback), trailing slashes and paths dropped. Refuses plain http to any
 * other host: the bearer token would cross the network in cleartext.
 */
export function normaliseServerUrl(input: string): string {
  const text = input.trim();
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${LOOPBACK.test(text.split(/[:/]/)[0] ?? '') ? 'http' : 'https'}://${text}`);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname))) return url.origin;
  throw new Error(url.protocol === 'http:' ? `Seatwise only sends your token over https:// (plain http is allowed for this computer only: 127.0.0.1, localhost).` : `"${input}" is not an http(s) address.`);
}
