import { computed, signal } from '@preact/signals';
import type { Sku } from '@seatwise/shared/catalog';
import { toFailure, type Failure } from '../api/failure.ts';
import type { Me, Pool, PoolCreate, PoolPatch, PoolPreview } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';
import { newIdempotencyKey } from '../overlay/trusted.ts';
import { dateToIso, isoToDate } from '../reports/toolbar.tsx';

/** What the editor is open for: renewing or changing one pool, or recording a new one. */
export type PoolAction = { kind: 'renew' | 'change'; pool: Pool } | { kind: 'create' };

/** The editor's fields as typed (strings, as inputs give them); only what the action uses is read. */
export interface PoolFields {
  orgId: string;
  sku: Sku;
  name: string;
  seats: string;
  startsAt: string;
  endsAt: string;
  graceDays: string;
  overagePct: string;
}

const YEAR_MS = 365 * 86_400_000;

/**
 * The server's own rule for changing a pool (routes/pools.ts): an
 * administrator, and the pool owned inside their organizations. A pool owned
 * above them (the district's, for a school's admin) they see read-only.
 */
export function mayChangePool(me: Me | null, pool: Pick<Pool, 'orgId'>): boolean {
  if (!me?.canChange) return false;
  return me.scope.all || me.scope.orgs.some((o) => o.id === pool.orgId);
}

/** A renewal's default end: a year after the current end, or after today if that has passed. */
function renewalEnd(pool: Pool, now: number): string {
  return new Date(Math.max(Date.parse(pool.endsAt), now) + YEAR_MS).toISOString();
}

function fieldsFor(action: PoolAction, me: Me | null, now = Date.now()): PoolFields {
  if (action.kind === 'create') {
    return { orgId: me?.scope.orgs[0]?.id ?? '', sku: 'elearn', name: '', seats: '', startsAt: isoToDate(new Date(now).toISOString()), endsAt: isoToDate(new Date(now + YEAR_MS).toISOString()), graceDays: '30', overagePct: '0' };
  }
  const p = action.pool;
  const endsAt = action.kind === 'renew' ? renewalEnd(p, now) : p.endsAt;
  return { orgId: p.orgId, sku: p.sku, name: p.name, seats: String(p.seats), startsAt: isoToDate(p.startsAt), endsAt: isoToDate(endsAt), graceDays: String(p.graceDays), overagePct: String(p.overagePct) };
}

/** A typed number, or undefined when the field is empty or not a number (the server names what it refuses). */
const num = (value: string) => (value.trim() === '' || Number.isNaN(Number(value)) ? undefined : Number(value));

/** Only the fields the admin changed: a change says what it changes and nothing else. */
export function patchOf(pool: Pool, f: PoolFields): PoolPatch {
  const patch: PoolPatch = {};
  const seats = num(f.seats);
  if (seats !== undefined && seats !== pool.seats) patch.seats = seats;
  if (f.endsAt && f.endsAt !== isoToDate(pool.endsAt)) patch.endsAt = dateToIso(f.endsAt);
  const grace = num(f.graceDays);
  if (grace !== undefined && grace !== pool.graceDays) patch.graceDays = grace;
  const overage = num(f.overagePct);
  if (overage !== undefined && overage !== pool.overagePct) patch.overagePct = overage;
  return patch;
}

function createBody(f: PoolFields): PoolCreate {
  return {
    orgId: f.orgId,
    sku: f.sku,
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    seats: num(f.seats) ?? -1,
    ...(f.startsAt ? { startsAt: dateToIso(f.startsAt) } : {}),
    endsAt: dateToIso(f.endsAt) ?? '',
    ...(num(f.graceDays) === undefined ? {} : { graceDays: num(f.graceDays) }),
    ...(num(f.overagePct) === undefined ? {} : { overagePct: num(f.overagePct) }),
  };
}

/**
 * The Pools tab: the pools the caller can see, and one editor at a time.
 * Renewals and changes are previewed by the server before they are made (the
 * apply button appears with the preview); every answer, refusals included,
 * is the server's.
 */
export function createPoolsState(page: { backend: Backend; me: { value: Me | null } }) {
  const { backend } = page;
  const pools = signal<Pool[] | null>(null);
  const loading = signal(false);
  const failure = signal<Failure | null>(null);
  /** When the list shown was read, if the server could not be reached to read it again (the cache served it stale). */
  const staleSince = signal<number | null>(null);
  const action = signal<PoolAction | null>(null);
  const fields = signal<PoolFields | null>(null);
  const preview = signal<PoolPreview | null>(null);
  const busy = signal<null | 'preview' | 'apply'>(null);
  const actionFailure = signal<Failure | null>(null);
  /** What the last action did, in words (announced politely). */
  const done = signal<string | null>(null);

  const mayCreate = computed(() => !!page.me.value?.canChange);
  /** A change that would leave more licenses than seats: the editor asks first and says what follows. */
  const cutsBelowAssigned = computed(() => {
    const a = action.value;
    const seats = fields.value ? num(fields.value.seats) : undefined;
    return !!a && a.kind !== 'create' && seats !== undefined && seats < a.pool.assigned;
  });

  async function load() {
    loading.value = true;
    try {
      const answer = await backend.request('pools.get', {});
      pools.value = answer.data;
      staleSince.value = answer.stale ? answer.fetchedAt : null;
      failure.value = null;
    } catch (error) {
      failure.value = toFailure(error);
    } finally {
      loading.value = false;
    }
  }

  function open(next: PoolAction) {
    action.value = next;
    fields.value = fieldsFor(next, page.me.value);
    preview.value = null;
    actionFailure.value = null;
    done.value = null;
  }

  function close() {
    action.value = null;
    fields.value = null;
    preview.value = null;
    actionFailure.value = null;
  }

  /** Any edit makes the preview stale: the apply button waits for a new one. */
  function edit(patch: Partial<PoolFields>) {
    if (!fields.value) return;
    fields.value = { ...fields.value, ...patch };
    preview.value = null;
    actionFailure.value = null;
  }

  async function run<T>(kind: 'preview' | 'apply', work: () => Promise<T>): Promise<T | undefined> {
    busy.value = kind;
    actionFailure.value = null;
    try {
      return await work();
    } catch (error) {
      actionFailure.value = toFailure(error);
      return undefined;
    } finally {
      busy.value = null;
    }
  }

  const renewal = (f: PoolFields) => ({ endsAt: dateToIso(f.endsAt) ?? '', ...(num(f.seats) === undefined ? {} : { seats: num(f.seats) }) });

  async function askPreview() {
    const a = action.value;
    const f = fields.value;
    if (!a || !f || a.kind === 'create') return;
    if (a.kind === 'change' && Object.keys(patchOf(a.pool, f)).length === 0) {
      actionFailure.value = { kind: 'internal', message: 'Nothing is changed yet: edit seats, the end date, grace days or the overage allowance first.' };
      return;
    }
    const answer = await run('preview', () =>
      a.kind === 'renew' ? backend.request('pools.previewRenewal', { id: a.pool.id, ...renewal(f) }) : backend.request('pools.preview', { id: a.pool.id, patch: patchOf(a.pool, f) }),
    );
    if (answer) preview.value = answer;
  }

  /** Makes the change the editor shows; one idempotency key per click, so a retried request changes nothing twice. */
  async function apply() {
    const a = action.value;
    const f = fields.value;
    if (!a || !f) return;
    const idempotencyKey = newIdempotencyKey();
    const saved = await run('apply', () => {
      if (a.kind === 'create') return backend.request('pools.create', { pool: createBody(f), idempotencyKey });
      if (a.kind === 'renew') return backend.request('pools.renew', { id: a.pool.id, ...renewal(f), idempotencyKey });
      return backend.request('pools.update', { id: a.pool.id, patch: patchOf(a.pool, f), idempotencyKey });
    });
    if (!saved) return;
    close();
    done.value = doneWords(a.kind, saved);
    await load();
  }

  return { pools, loading, failure, staleSince, action, fields, preview, busy, actionFailure, done, mayCreate, cutsBelowAssigned, load, open, close, edit, askPreview, apply };
}

function doneWords(kind: PoolAction['kind'], pool: Pool): string {
  if (kind === 'create') return `Created ${pool.name}.`;
  if (kind === 'renew') return `Renewed ${pool.name}.`;
  return `Changed ${pool.name}.`;
}

export type PoolsState = ReturnType<typeof createPoolsState>;
