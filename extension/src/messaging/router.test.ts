import { describe, expect, it, vi } from 'vitest';
import { FailureError } from '../api/failure.ts';
import { REQUEST_POLICY } from '../background/request-policy.ts';
import { isOwnSender, isRequest, type Reply } from './protocol.ts';
import { createRouter, type Handlers, type SenderInfo } from './router.ts';

const OWN = 'ownextensionid';
const EXT = `chrome-extension://${OWN}`;
const SITE = 'https://elearn.example.org:8443';
const KEY = '9b2f6c1e-4d0a-4c55-9d43-0f7b1f0f6a11';

/** Our own pages, the overlay on a granted admin page, the overlay elsewhere, a frame. */
const page: SenderInfo = { id: OWN, url: `${EXT}/options.html`, tab: { id: 3 }, frameId: 0 };
const overlay: SenderInfo = { id: OWN, url: `${SITE}/elearn/admin/users/MT-1/edit`, tab: { id: 4 }, frameId: 0 };
const overlayOffPath: SenderInfo = { id: OWN, url: `${SITE}/elearn/profile`, tab: { id: 4 }, frameId: 0 };
const overlayInFrame: SenderInfo = { ...overlay, frameId: 7 };

function router() {
  const calls: { type: string; payload: unknown }[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_t, type: string) => async (payload: unknown) => {
      calls.push({ type, payload });
      if (type === 'dashboard.get') throw new FailureError({ kind: 'revoked', message: 'token revoked' });
      return { answered: type };
    },
  });
  // The overlay may ask only from the admin pages of the granted site.
  const onMessage = createRouter(handlers, { ownId: OWN, extensionOrigin: EXT, overlayAllowed: async (url) => url.startsWith(`${SITE}/elearn/admin/`) });
  return { calls, onMessage };
}

const ask = (onMessage: ReturnType<typeof router>['onMessage'], type: string, payload: unknown, sender: SenderInfo) =>
  new Promise<{ handled: boolean; reply?: Reply }>((resolve) => {
    const handled = onMessage({ seatwise: 1, type, payload }, sender, (reply) => resolve({ handled: true, reply }));
    if (!handled) setTimeout(() => resolve({ handled: false }), 10);
  });

/** Each payload is refused as invalid_request, its message naming the field (`words`). */
async function expectRefused(onMessage: ReturnType<typeof router>['onMessage'], bad: readonly (readonly [string, unknown, string])[], sender: SenderInfo) {
  for (const [type, payload, words] of bad) {
    const { reply } = await ask(onMessage, type, payload, sender);
    expect(reply, `${type} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, failure: { kind: 'api', status: 400, code: 'invalid_request' } });
    expect(reply && !reply.ok && reply.failure.message).toContain(words);
  }
}

describe('background router: who may send what', () => {
  it('answers our own pages with the handler result, and turns a thrown failure into {ok:false, failure}', async () => {
    const { onMessage, calls } = router();
    expect((await ask(onMessage, 'alerts.ack', { id: 'renewal:p1' }, page)).reply).toEqual({ ok: true, data: { answered: 'alerts.ack' } });
    expect((await ask(onMessage, 'dashboard.get', {}, page)).reply).toEqual({ ok: false, failure: { kind: 'revoked', message: 'token revoked' } });
    expect(calls.map((c) => c.type)).toEqual(['alerts.ack', 'dashboard.get']);
  });

  it('refuses the overlay everything a host page never needs: sign-in and out, sites, audit, exports, alert acknowledgements', async () => {
    const { onMessage, calls } = router();
    const pageOnly = [
      ['session.signIn', { serverUrl: 'https://evil.example', token: 'x' }],
      ['session.signOut', {}],
      ['origins.sync', {}],
      ['audit.list', { query: {} }],
      ['audit.csv', { query: {} }],
      ['audit.verify', {}],
      ['report.csv', { report: 'claims', query: {} }],
      ['alerts.ack', { id: 'a' }],
      ['users.find', { email: 'a@b.org' }],
      ['imports.mapping', { kind: 'users' }],
      ['imports.saveMapping', { kind: 'users', columns: { 'E-mail': 'email' } }],
      ['imports.run', { kind: 'users', fileId: KEY, dryRun: true, mode: 'upsert', skipInvalid: false }],
      ['imports.job', { id: 'job_1', items: 'none' }],
      ['tokens.list', {}],
      ['tokens.issue', { userId: 'u_1', authority: 'reporter', label: 'x' }],
      ['tokens.revoke', { id: 'tok_1', idempotencyKey: KEY }],
      ['alertSettings.get', {}],
      ['alertSettings.save', { webhookUrl: null, renewalDays: [7], usagePct: 90, idempotencyKey: KEY }],
      ['alertSettings.test', { idempotencyKey: KEY }],
      ['reportSettings.get', {}],
      ['reportSettings.save', { every: 'weekly', recipients: [], idempotencyKey: KEY }],
    ] as const;
    for (const [type, payload] of pageOnly) {
      const { reply } = await ask(onMessage, type, payload, overlay);
      expect(reply, type).toMatchObject({ ok: false, failure: { kind: 'api', status: 403, code: 'sender_not_allowed' } });
    }
    expect(calls).toEqual([]);
    // The policy lists exactly these as page-only among the requests above.
    for (const [type] of pageOnly) expect(REQUEST_POLICY[type].from).toEqual(['page']);
  });

  it('answers the overlay only on a granted site’s admin pages, from the top frame', async () => {
    const { onMessage, calls } = router();
    expect((await ask(onMessage, 'users.get', { id: 'u_1' }, overlay)).reply).toMatchObject({ ok: true });
    for (const sender of [overlayOffPath, overlayInFrame]) {
      expect((await ask(onMessage, 'users.get', { id: 'u_1' }, sender)).reply).toMatchObject({ ok: false, failure: { status: 403 } });
    }
    // A page of another web site can never be a sender of ours, nor can another extension.
    expect((await ask(onMessage, 'session.get', {}, { id: 'someoneelse', url: `${SITE}/elearn/admin/users`, tab: { id: 1 }, frameId: 0 })).handled).toBe(false);
    expect(calls.map((c) => c.type)).toEqual(['users.get']);
  });

  it('validates every payload: ../ ids, unknown roles, extra fields and missing idempotency keys never reach a handler', async () => {
    const { onMessage, calls } = router();
    const bad = [
      ['users.get', { id: '../tokens' }, 'users.get: id: must be an id'],
      ['holds.release', { userId: '../tokens/tok_1?', role: 'learner', reason: 'unticked' }, 'userId: must be an id'],
      ['holds.place', { userId: 'u_1', role: 'superuser', idempotencyKey: KEY }, 'role'],
      ['holds.place', { userId: 'u_1', role: 'learner' }, 'idempotencyKey'],
      ['holds.release', { userId: 'u_1', role: 'learner', reason: 'whim' }, 'reason'],
      ['roles.preview', { userId: 'u_1', roles: ['learner'], source: 'host' }, 'roles.preview'],
      ['users.sync', { email: 'not an email', firstName: 'A', lastName: 'B', externalId: 'MT-1', orgIds: ['org_1'], roles: [], idempotencyKey: KEY }, 'email'],
      ['users.sync', { email: 'a@b.org', firstName: 'A', lastName: 'B', externalId: 'MT-1', orgIds: ['../orgs'], roles: [], idempotencyKey: KEY }, 'orgIds.0'],
      ['users.syncMany', { users: [{ email: 'a@b.org', firstName: 'A', lastName: 'B', externalId: 'MT-1', orgIds: ['../orgs'], roles: [] }], idempotencyKey: KEY }, 'users.0.orgIds.0'],
      ['users.syncMany', { users: [], idempotencyKey: KEY }, 'users'],
      ['report.get', { report: '../tokens', query: {} }, 'report'],
      ['host.record', { hostUserId: '' }, 'hostUserId'],
    ] as const;
    await expectRefused(onMessage, bad, overlay);
    expect(calls).toEqual([]);
    const good = await ask(onMessage, 'holds.place', { userId: 'u_1', role: 'observer', idempotencyKey: KEY }, overlay);
    expect(good.reply).toMatchObject({ ok: true });
    expect(calls).toEqual([{ type: 'holds.place', payload: { userId: 'u_1', role: 'observer', idempotencyKey: KEY } }]);
  });

  it('administration: tokens and alert settings are parsed before a handler sees them, refusals naming the field', async () => {
    const { onMessage, calls } = router();
    const bad = [
      ['tokens.issue', { userId: 'u_1', authority: 'superuser', label: 'x' }, 'authority'],
      ['tokens.issue', { userId: '../users', authority: 'reporter', label: 'x' }, 'userId'],
      ['tokens.revoke', { id: 'tok_1' }, 'idempotencyKey'],
      ['alertSettings.save', { webhookUrl: 'javascript:alert(1)', renewalDays: [7], usagePct: 90, idempotencyKey: KEY }, 'webhookUrl'],
      ['alertSettings.save', { webhookUrl: null, renewalDays: [45], usagePct: 90, idempotencyKey: KEY }, 'renewalDays.0'],
      ['alertSettings.save', { webhookUrl: null, renewalDays: [7], usagePct: Number.NaN, idempotencyKey: KEY }, 'usagePct: a whole percentage from 50 to 100'],
      ['reportSettings.save', { every: 'hourly', recipients: [], idempotencyKey: KEY }, 'every'],
    ] as const;
    await expectRefused(onMessage, bad, page);
    expect(calls).toEqual([]);
  });

  it('imports: only a staged file id crosses the messaging, and every field is parsed', async () => {
    const { onMessage, calls } = router();
    const run = { kind: 'users', fileId: KEY, dryRun: true, mode: 'upsert', skipInvalid: false };
    const bad = [
      ['imports.run', { ...run, fileId: '../../etc/passwd' }, 'fileId'],
      ['imports.run', { ...run, kind: 'tokens' }, 'kind'],
      ['imports.run', { ...run, text: 'First Name,…' }, 'imports.run'],
      ['imports.run', { ...run, mode: 'replace' }, 'mode'],
      ['imports.job', { id: 'job_1', items: 'all' }, 'items'],
      ['imports.job', { id: 'job_1', items: 'refused', cursor: '1 OR 1' }, 'cursor'],
      ['imports.saveMapping', { kind: 'users', columns: { '': 'email' } }, 'columns'],
    ] as const;
    for (const [type, payload, words] of bad) {
      const { reply } = await ask(onMessage, type, payload, page);
      expect(reply, `${type} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, failure: { status: 400 } });
      expect(reply && !reply.ok && reply.failure.message).toContain(words);
    }
    expect(calls).toEqual([]);
    expect((await ask(onMessage, 'imports.run', run, page)).reply).toMatchObject({ ok: true });
  });

  it('ignores messages that are not Seatwise requests and answers unknown types with a failure', async () => {
    const { onMessage } = router();
    const send = (message: unknown) => new Promise<boolean>((r) => r(onMessage(message, page, () => undefined)));
    expect(await send({ type: 'dashboard.get' })).toBe(false);
    expect(await send('hello')).toBe(false);
    const unknown = vi.fn();
    onMessage({ seatwise: 1, type: 'no.such.request', payload: {} }, page, unknown);
    expect(unknown).toHaveBeenCalledWith({ ok: false, failure: { kind: 'internal', message: 'unknown request no.such.request' } });
    expect(isRequest({ seatwise: 1, type: 'session.get', payload: {} })).toBe(true);
    expect(isOwnSender(undefined, OWN)).toBe(false);
  });
});
