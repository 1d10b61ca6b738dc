import { describe, expect, it, vi } from 'vitest';
import { onTrusted } from './trusted.ts';

describe('onTrusted', () => {
  it('runs the handler for the person’s own input only, never for an event a script dispatched', () => {
    const handler = vi.fn();
    const button = document.createElement('button');
    button.addEventListener('click', onTrusted(handler));
    document.body.append(button);
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    button.dispatchEvent(new KeyboardEvent('keydown', { key: ' ' }));
    expect(handler).not.toHaveBeenCalled();
    // What the browser hands over for a real click (scripts cannot make one: isTrusted is read-only and false for them).
    const real = { isTrusted: true, type: 'click' } as Event;
    onTrusted(handler)(real);
    expect(handler).toHaveBeenCalledWith(real);
  });
});
