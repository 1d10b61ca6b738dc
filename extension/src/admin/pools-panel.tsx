import { SKU_LABELS, SKUS, type Sku } from '@seatwise/shared/catalog';
import { useEffect, useRef } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Me, Pool } from '../api/types.ts';
import { DataTable, type Column } from '../reports/data-table.tsx';
import { Empty, FailureNotice, Pill, Section, Spinner } from '../ui/components.tsx';
import { daysLeftText, formatAgo, formatCount, formatDate, plural, POOL_STATE_LABELS, POOL_STATE_TONES } from '../ui/format.ts';
import type { AdminPanelProps } from './admin-tabs.tsx';
import { usePanelState } from './use-panel-state.ts';
import { createPoolsState, mayChangePool, type PoolFields, type PoolsState } from './pools-state.ts';
import { heldWaiting, previewSentences, seatsWords } from './pools-words.ts';
import './pools.css';

/** The Pools tab: every pool the caller can see, renewed, changed and created through the API with the server's preview first. */
export function PoolsPanel({ page }: AdminPanelProps) {
  const state = usePanelState(page, () => createPoolsState(page));
  const me = page.me.value;
  const pools = state.pools.value;
  const scoped = !!me && !me.scope.all;

  return (
    <div class="panel-body admin-pools">
      <Section
        title="Pools"
        id="pools"
        aside={state.mayCreate.value && <button type="button" class="btn btn-primary" onClick={() => state.open({ kind: 'create' })}>New pool</button>}
      >
        {scoped && pools?.some((p) => !mayChangePool(me, p)) && <p class="muted">You change the pools of your own organizations. Pools owned above them (the district's) are shown read-only: a system administrator changes those.</p>}
        <p role="status" class="admin-done">{state.done.value}</p>
        {state.action.value && <PoolEditor state={state} me={me} />}
        <PoolList state={state} me={me} pools={pools} />
      </Section>
    </div>
  );
}

function PoolList({ state, me, pools }: { state: PoolsState; me: Me | null; pools: Pool[] | null }) {
  if (state.failure.value && !pools) {
    return <FailureNotice failure={state.failure.value} action={<button type="button" class="btn" onClick={() => void state.load()}>Try again</button>} />;
  }
  if (!pools) {
    return <div class="loading-block"><Spinner label="Loading pools" /> Loading pools…</div>;
  }
  if (!pools.length) {
    return <Empty>{state.mayCreate.value ? 'No pools yet. Record a purchase with “New pool”.' : 'No pools yet.'}</Empty>;
  }
  const orgName = orgNames(me);
  const columns: Column<Pool>[] = [
    { key: 'pool', label: 'Pool', render: (p) => <><strong>{p.name}</strong><div class="muted small">{SKU_LABELS[p.sku]} · {orgName(p.orgId)}</div></> },
    { key: 'state', label: 'State', nowrap: true, render: (p) => <><Pill tone={POOL_STATE_TONES[p.state]}>{POOL_STATE_LABELS[p.state]}</Pill><div class="muted small">{termLeft(p)}</div></> },
    { key: 'term', label: 'Term', nowrap: true, render: (p) => <>{formatDate(p.startsAt)} – {formatDate(p.endsAt)}<div class="muted small">{plural(p.graceDays, 'day')} of grace</div></> },
    { key: 'seats', label: 'Seats', num: true, nowrap: true, render: (p) => seatsWords(p) },
    { key: 'assigned', label: 'Assigned', num: true, render: (p) => <>{formatCount(p.assigned)}{p.overAllocated && <div><Pill tone="bad">Over-allocated</Pill></div>}</> },
    { key: 'left', label: 'Left', num: true, nowrap: true, render: (p) => `${plural(p.available, 'seat')} left` },
    { key: 'held', label: 'Held / waiting', nowrap: true, render: heldWaiting },
    { key: 'actions', label: 'Actions', render: (p) => <PoolActions state={state} me={me} pool={p} /> },
  ];
  const stale = state.staleSince.value;
  return (
    <>
      {stale !== null && (
        <div class="notice notice-warn" role="alert">
          <strong class="notice-title">Seatwise cannot be reached</strong>
          <p class="notice-body">These are the pools as read {formatAgo(stale)}. Changes are not possible until the server answers again.</p>
          <div class="notice-action"><button type="button" class="btn btn-small" onClick={() => void state.load()}>Try again</button></div>
        </div>
      )}
      {state.failure.value && <FailureNotice failure={state.failure.value} action={<button type="button" class="btn" onClick={() => void state.load()}>Try again</button>} />}
      <DataTable columns={columns} rows={pools} caption="Pools" rowKey={(p) => p.id} />
    </>
  );
}

function PoolActions({ state, me, pool }: { state: PoolsState; me: Me | null; pool: Pool }) {
  if (!mayChangePool(me, pool)) return <span class="muted small">Read-only: owned above your organizations</span>;
  return (
    <div class="row-actions">
      <button type="button" class="btn btn-small" aria-label={`Renew ${pool.name}`} onClick={() => state.open({ kind: 'renew', pool })}>Renew</button>
      <button type="button" class="btn btn-small" aria-label={`Change ${pool.name}`} onClick={() => state.open({ kind: 'change', pool })}>Change</button>
    </div>
  );
}

/** How long the term (or its grace) still runs; an expired pool says how long ago it ended. */
function termLeft(p: Pool): string {
  if (p.state === 'expired') return `ended ${plural(-p.daysLeft, 'day')} ago`;
  return daysLeftText(p.daysLeft, p.state, p.state === 'grace' ? p.graceDays + p.daysLeft : null);
}

/** Organization names the caller can see; one owned above them is named as such. */
function orgNames(me: Me | null) {
  const names = new Map((me?.scope.orgs ?? []).map((o) => [o.id, o.name]));
  return (id: string) => names.get(id) ?? 'an organization above yours';
}

function PoolEditor({ state, me }: { state: PoolsState; me: Me | null }) {
  const action = state.action.value!;
  const f = state.fields.value!;
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening the editor moves focus to it, so a keyboard user lands where the form is.
  useEffect(() => heading.current?.focus(), [action]);
  const title = action.kind === 'create' ? 'New pool' : `${action.kind === 'renew' ? 'Renew' : 'Change'} ${action.pool.name}`;
  const preview = state.preview.value;
  const busy = state.busy.value;
  const needsPreview = action.kind !== 'create';

  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (needsPreview && !preview) void state.askPreview();
    else void state.apply();
  };

  return (
    <form class="card admin-form pool-editor" aria-labelledby="pool-editor-title" onSubmit={onSubmit} onKeyDown={(e) => e.key === 'Escape' && state.close()}>
      <h3 id="pool-editor-title" ref={heading} tabIndex={-1}>{title}</h3>
      {action.kind !== 'create' && <p class="muted small">Now: {seatsWords(action.pool)}, {plural(action.pool.assigned, 'license')} assigned, ends {formatDate(action.pool.endsAt)}.</p>}
      <div class="admin-fields">
        {action.kind === 'create' && <CreateFields state={state} me={me} f={f} />}
        {action.kind === 'renew' && (
          <>
            <Field id="pool-ends" label="New end date"><input id="pool-ends" class="input" type="date" required value={f.endsAt} onInput={(e) => state.edit({ endsAt: e.currentTarget.value })} /></Field>
            <Field id="pool-seats" label="Seats"><input id="pool-seats" class="input" type="number" min={0} required value={f.seats} onInput={(e) => state.edit({ seats: e.currentTarget.value })} /></Field>
          </>
        )}
        {action.kind === 'change' && (
          <>
            <Field id="pool-seats" label="Seats"><input id="pool-seats" class="input" type="number" min={0} required value={f.seats} onInput={(e) => state.edit({ seats: e.currentTarget.value })} /></Field>
            <Field id="pool-ends" label="End date"><input id="pool-ends" class="input" type="date" required value={f.endsAt} onInput={(e) => state.edit({ endsAt: e.currentTarget.value })} /></Field>
            <TermFields state={state} f={f} />
          </>
        )}
      </div>
      {state.cutsBelowAssigned.value && action.kind !== 'create' && (
        <div class="notice notice-warn" role="note">
          <strong class="notice-title">Fewer seats than licenses assigned</strong>
          <p class="notice-body">{plural(action.pool.assigned, 'license')} {action.pool.assigned === 1 ? 'is' : 'are'} assigned. The preview says what follows before anything changes.</p>
        </div>
      )}
      {preview && (
        <div class="pool-preview" role="region" aria-label="Preview">
          <strong>{action.kind === 'renew' ? 'What this renewal does' : 'What this change does'}</strong>
          <ul>{previewSentences(preview).map((line) => <li key={line}>{line}</li>)}</ul>
        </div>
      )}
      {state.actionFailure.value && <FailureNotice failure={state.actionFailure.value} />}
      <div class="admin-actions">
        {/* Not `disabled` while busy: that would drop keyboard focus to the page; a submit while busy is ignored instead. */}
        <button type="submit" class="btn btn-primary" aria-disabled={!!busy}>{submitLabel(state, preview !== null)}</button>
        <button type="button" class="btn" onClick={state.close}>Cancel</button>
        {busy && <Spinner label={busy === 'preview' ? 'Previewing' : 'Saving'} />}
      </div>
    </form>
  );
}

function submitLabel(state: PoolsState, previewed: boolean): string {
  const action = state.action.value!;
  if (action.kind === 'create') return 'Create pool';
  if (!previewed) return action.kind === 'renew' ? 'Preview renewal' : 'Preview change';
  if (action.kind === 'renew') return 'Renew pool';
  return state.cutsBelowAssigned.value ? `Cut to ${plural(Number(state.fields.value!.seats), 'seat')}` : 'Apply change';
}

function Field({ id, label, children }: { id: string; label: string; children: JSX.Element }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

function TermFields({ state, f }: { state: PoolsState; f: PoolFields }) {
  return (
    <>
      <Field id="pool-grace" label="Grace days"><input id="pool-grace" class="input" type="number" min={0} max={365} required value={f.graceDays} onInput={(e) => state.edit({ graceDays: e.currentTarget.value })} /></Field>
      <Field id="pool-overage" label="Overage allowance (%)"><input id="pool-overage" class="input" type="number" min={0} max={100} required value={f.overagePct} onInput={(e) => state.edit({ overagePct: e.currentTarget.value })} /></Field>
    </>
  );
}

function CreateFields({ state, me, f }: { state: PoolsState; me: Me | null; f: PoolFields }) {
  return (
    <>
      <Field id="pool-org" label="Organization">
        <select id="pool-org" class="input" value={f.orgId} onChange={(e) => state.edit({ orgId: e.currentTarget.value })}>
          {(me?.scope.orgs ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
      </Field>
      <Field id="pool-sku" label="Product">
        <select id="pool-sku" class="input" value={f.sku} onChange={(e) => state.edit({ sku: e.currentTarget.value as Sku })}>
          {SKUS.map((s) => <option key={s} value={s}>{SKU_LABELS[s]}</option>)}
        </select>
      </Field>
      <Field id="pool-name" label="Name (optional)"><input id="pool-name" class="input" value={f.name} onInput={(e) => state.edit({ name: e.currentTarget.value })} placeholder="e.g. Riverside weCLIMB 2027" /></Field>
      <Field id="pool-seats" label="Seats"><input id="pool-seats" class="input" type="number" min={0} required value={f.seats} onInput={(e) => state.edit({ seats: e.currentTarget.value })} /></Field>
      <Field id="pool-starts" label="Start date"><input id="pool-starts" class="input" type="date" value={f.startsAt} onInput={(e) => state.edit({ startsAt: e.currentTarget.value })} /></Field>
      <Field id="pool-ends" label="End date"><input id="pool-ends" class="input" type="date" required value={f.endsAt} onInput={(e) => state.edit({ endsAt: e.currentTarget.value })} /></Field>
      <TermFields state={state} f={f} />
    </>
  );
}
