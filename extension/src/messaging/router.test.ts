import { describe, expect, it, vi } from 'vitest';
import { FailureError } from '../api/failure.ts';
import { isOwnSender, isRequest, type Reply } from './protocol.ts';
import { createRouter, type Handlers } from './router.ts';

const OWN = 'ownextensionid';

function router() {
  const handlers = {
    'alerts.ack': vi.fn(async ({ id }: { id: string }) => ({ alerts: [], unacknowledged: 0, canAcknowledge: true, id })),
    'dashboard.get': vi.fn(async () => {
      throw new FailureError({ kind: 'revoked', message: 'token revoked' });
    }),
  } as unknown as Handlers;
  return { handlers, onMessage: createRouter(handlers, OWN) };
}

const answer = (onMessage: ReturnType<typeof router>['onMessage'], message: unknown, sender: { id?: string }) =>
  new Promise<{ handled: boolean; reply?: Reply }>((resolve) => {
    const handled = onMessage(message, sender, (reply) => resolve({ handled: true, reply }));
    if (!handled) setTimeout(() => resolve({ handled: false }), 10);
  });

describe('message protocol', () => {
  it('answers our own requests with the handler result', async () => {
    const { onMessage, handlers } = router();
    const got = await answer(onMessage, { seatwise: 1, type: 'alerts.ack', payload: { id: 'renewal:p1' } }, { id: OWN });
    expect(got.reply).toMatchObject({ ok: true, data: { id: 'renewal:p1' } });
    expect(handlers['alerts.ack']).toHaveBeenCalledOnce();
  });

  it('turns a thrown failure into {ok:false, failure}', async () => {
    const { onMessage } = router();
    const got = await answer(onMessage, { seatwise: 1, type: 'dashboard.get', payload: {} }, { id: OWN });
    expect(got.reply).toEqual({ ok: false, failure: { kind: 'revoked', message: 'token revoked' } });
  });

  it('ignores messages from another extension or a web page, and calls no handler', async () => {
    const { onMessage, handlers } = router();
    for (const sender of [{ id: 'someoneelse' }, {}]) {
      const got = await answer(onMessage, { seatwise: 1, type: 'alerts.ack', payload: { id: 'x' } }, sender);
      expect(got.handled).toBe(false);
    }
    expect(handlers['alerts.ack']).not.toHaveBeenCalled();
  });

  it('ignores messages that are not Seatwise requests', async () => {
    const { onMessage } = router();
    expect((await answer(onMessage, { type: 'dashboard.get' }, { id: OWN })).handled).toBe(false);
    expect((await answer(onMessage, 'hello', { id: OWN })).handled).toBe(false);
  });

  it('has guards usable by content scripts and ports', () => {
    expect(isRequest({ seatwise: 1, type: 'session.get', payload: {} })).toBe(true);
    expect(isRequest(null)).toBe(false);
    expect(isOwnSender(undefined, OWN)).toBe(false);
    expect(isOwnSender({ id: OWN }, OWN)).toBe(true);
  });
});
