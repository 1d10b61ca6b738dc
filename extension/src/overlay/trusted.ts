/**
 * The overlay runs inside a page we do not control: its scripts can
 * dispatch clicks and key presses on our buttons (`el.click()`,
 * `dispatchEvent`). The browser marks only the person's own input as
 * trusted, so every control that writes wraps its handler in this: an
 * untrusted event does nothing at all.
 */
export function onTrusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (!event.isTrusted) return;
    handler(event);
  };
}

/** One key per admin action: a repeat of the same action (after a lost reply) is recognised by the server. */
export const newIdempotencyKey = () => crypto.randomUUID();
