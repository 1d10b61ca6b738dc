/** An origin an admin types ("elearn.district.org", "https://x.org/admin") → "https://x.org", or an error. */
export function parseOrigin(input: string): { ok: true; origin: string } | { ok: false; message: string } {
  const text = input.trim();
  if (!text) return { ok: false, message: 'Enter the address of your admin pages.' };
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: 'Only http and https addresses can be added.' };
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return { ok: false, message: `"${url.hostname}" is not a full host name.` };
    return { ok: true, origin: url.origin };
  } catch {
    return { ok: false, message: `"${text}" is not a web address.` };
  }
}
