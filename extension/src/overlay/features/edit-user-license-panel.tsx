import { PRODUCT_LABELS, ROLE_LABELS, type Product } from '@seatwise/shared/catalog';
import type { License, LookupResult } from '@seatwise/shared';
import { signal as makeSignal } from '@preact/signals';
import type { UserDetail } from '../../api/types.ts';
import { ChipGroup, LiveDot, OutboxLine } from '../components.tsx';
import { observeEditUserForms } from '../edit-user-forms.ts';
import type { EditUserState } from '../edit-user-state.ts';
import { defineFeature } from '../feature.ts';
import { Icon } from '../icons.tsx';
import { mountUi } from '../mount.tsx';
import type { OverlayStatus } from '../status.ts';

const STATE_WORDS: Record<License['state'], string> = { active: 'Active', waiting: 'Waiting for a seat', suspended: 'Suspended (pool expired)', grace: 'Grace period' };
const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—');
const productName = (p: string) => PRODUCT_LABELS[p as Product] ?? p;

/** Audit actions in plain words; unknown ones show as they are. */
const ACTIONS: Record<string, string> = {
  'role.grant': 'Role granted', 'role.revoke': 'Role revoked', 'license.assign': 'License assigned', 'license.release': 'License released',
  'license.wait': 'Waiting for a seat', 'license.suspend': 'License suspended', 'license.resume': 'License resumed', 'license.refused': 'Seat refused',
  'hold.place': 'Seat held', 'hold.convert': 'Hold saved as the role', 'hold.release': 'Hold released', 'hold.expire': 'Hold expired',
  'user.create': 'User created', 'user.update': 'User updated', 'user.archive': 'User archived', 'user.transfer': 'Moved organization',
};

function eventDetail(e: UserDetail['events'][number]): string {
  const after = (e.after ?? e.before ?? {}) as Record<string, unknown>;
  const bits = [after.role && String(after.role).replace(/_/g, ' '), after.product && productName(String(after.product)), e.poolName, after.source && `via ${String(after.source)}`];
  return bits.filter(Boolean).join(' · ');
}

function Panel({ state, email, status, outside }: { state: EditUserState; email: string; status: OverlayStatus; outside: boolean }) {
  const d = state.detail.value;
  return (
    <section class="panel" aria-label="Seatwise license panel">
      <div class="panel-head">
        <LiveDot status={status} />
        <h2>Seatwise licenses</h2>
        <OutboxLine waiting={status.outboxWaiting} />
      </div>
      <div class="panel-body">
        {state.failure.value && <span class="inline-error">{state.failure.value.message}</span>}
        {state.unknown.value && (outside
          ? <p class="muted" data-scope="outside">This user is outside your organizations: Seatwise shows nothing about them here.</p>
          : <p class="muted">This user is not in Seatwise yet. Saving the form syncs them.</p>)}
        {!d && !state.unknown.value && !state.failure.value && <p class="muted">Loading…</p>}
        {d && <Body d={d} email={email} />}
        {d && state.holds.value.length > 0 && <HeldSeats state={state} />}
      </div>
    </section>
  );
}

/** Seats held by Edit User toggles: taken for this user, assigned when the form is saved. */
function HeldSeats({ state }: { state: EditUserState }) {
  return (
    <div class="section" data-section="holds">
      <h3>Held for this form</h3>
      <ul class="rows small">
        {state.holds.value.map((h) => (
          <li key={h.id} data-held-seat={h.role}>
            <strong>{ROLE_LABELS[h.role]}</strong>
            <span>{h.seats.length ? h.seats.map((seat) => productName(seat.product)).join(', ') : 'no new seat'}</span>
            <span class="muted">{`until ${h.expiresAt.slice(11, 16)} UTC · Save to assign`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Body({ d, email }: { d: UserDetail; email: string }) {
  const result = makeSignal<LookupResult | undefined>({ key: email, user: d.user, licenses: d.user.licenses, roles: d.user.roles, lastActiveAt: d.user.lastActiveAt });
  return (
    <>
      <div class="section">
        <h3>Licenses</h3>
        <ChipGroup email={email} result={result} inactivityDays={Number.POSITIVE_INFINITY} />
        {d.user.licenses.length > 0 && (
          <table class="mini" style="margin-top:6px">
            <thead><tr><th>Product</th><th>Pool</th><th>State</th><th>Since</th></tr></thead>
            <tbody>
              {d.user.licenses.map((l) => (
                <tr key={l.product} data-product={l.product}>
                  <td>{productName(l.product)}</td>
                  <td>{l.poolId ? (l.poolName ?? l.poolId) : '—'}</td>
                  <td>{STATE_WORDS[l.state]}</td>
                  <td>{day(l.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div class="section">
        <h3>Last activity</h3>
        {d.activity.length ? (
          <ul class="rows">{d.activity.map((a) => <li key={a.product}><strong>{productName(a.product)}</strong><span class="muted">{day(a.lastAt)}</span></li>)}</ul>
        ) : <span class="muted">Never seen.</span>}
      </div>
      <div class="section" data-section="diagnosis">
        <h3>Why no access?</h3>
        <div class="why">
          {d.access.map((a) => (
            <div key={a.product} style="display:contents" data-product={a.product}>
              <span class={`why-mark ${a.hasAccess ? 'why-yes' : 'why-no'}`}><Icon name={a.hasAccess ? 'check' : 'alert'} />{`${productName(a.product)}: ${a.hasAccess ? 'has access' : 'no access'}`}</span>
              <span>{a.reason}{a.fix && <span class="fix">{` Fix: ${a.fix}`}</span>}</span>
            </div>
          ))}
        </div>
      </div>
      <div class="section">
        <h3>Recent license events</h3>
        <ul class="rows small">
          {d.events.slice(0, 6).map((e) => (
            <li key={e.seq}><span class="muted">{day(e.at)}</span><strong>{ACTIONS[e.action] ?? e.action}</strong><span class="muted">{eventDetail(e)}</span></li>
          ))}
        </ul>
      </div>
    </>
  );
}

/** Edit User: licenses with pool and state, last activity, recent license events and the "why no access?" diagnosis. */
export default defineFeature({
  id: 'edit-user-license-panel',
  description: 'A license panel beside the role checkboxes: licenses, pools, activity, events, access diagnosis.',
  pages: ['edit-user'],
  init(signal, ctx) {
    observeEditUserForms(ctx, signal, 'edit-user-license-panel', (form, view, state) => {
      mountUi(view.panelAnchor, <Panel state={state} email={view.email} status={ctx.status} outside={!ctx.inScope(view.orgIds)} />, { signal, feature: 'edit-user-license-panel' });
    });
  },
});
