import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { TextFilter } from './toolbar.tsx';

describe('TextFilter', () => {
  it('keeps what the admin is typing through a re-render, and applies it on change', () => {
    const root = document.createElement('div');
    const onApply = vi.fn();
    const draw = () => act(() => render(<TextFilter id="f" label="Action" value="" onApply={onApply} />, root));
    draw();
    const input = root.querySelector('input')!;
    input.value = 'license.assign';
    act(() => void input.dispatchEvent(new Event('input', { bubbles: true })));
    // A report arriving re-renders the toolbar with the filter still unapplied.
    draw();
    expect(input.value).toBe('license.assign');
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onApply).toHaveBeenCalledWith('license.assign');
  });

  it('follows the applied value when it changes elsewhere', () => {
    const root = document.createElement('div');
    act(() => render(<TextFilter id="f" label="Action" value="" onApply={() => {}} />, root));
    act(() => render(<TextFilter id="f" label="Action" value="alert.ack" onApply={() => {}} />, root));
    expect(root.querySelector('input')!.value).toBe('alert.ack');
  });
});
