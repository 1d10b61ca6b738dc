import { describe, expect, it, vi } from 'vitest';
import { loaderRuntime, startOverlayLoader } from './loader.ts';
import type { OverlayHost } from './navigation.ts';

describe('startOverlayLoader', () => {
  it('loads the bundle of the page kind on screen once, also when the shell appears after it starts, and another kind after a navigation', async () => {
    document.body.innerHTML = '';
    const controller = new AbortController();
    const host: OverlayHost = { signal: controller.signal, onLocationChange: () => undefined };
    const asked: unknown[] = [];
    startOverlayLoader(host, { request: (async (type: string, payload: unknown) => (asked.push([type, payload]), { loaded: true })) as never });
    expect(asked).toEqual([]); // no shell yet: nothing to load
    const main = document.createElement('main');
    main.id = 'mt-main';
    main.setAttribute('data-page', 'users-list');
    document.body.append(main);
    await vi.waitFor(() => expect(asked).toEqual([['overlay.load', { page: 'users-list' }]]));
    main.setAttribute('data-page', 'edit-user');
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    main.setAttribute('data-page', 'users-list');
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([['overlay.load', { page: 'users-list' }], ['overlay.load', { page: 'edit-user' }]]);
    // The bundles it loads find the content script's context, and read the page kind as it does.
    const runtime = loaderRuntime();
    expect(runtime.host).toBe(host);
    expect(runtime.pageKind()).toBe('users-list');
    controller.abort();
  });
});
