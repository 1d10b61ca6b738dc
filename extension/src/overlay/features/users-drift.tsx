import { effect, signal as makeSignal } from '@preact/signals';
import type { User } from '@seatwise/shared';
import type { UserRow } from '../../adapters/users-list.ts';
import { plural } from '../../ui/format.ts';
import { driftOf, pendingOnPlatform, type Drift, type Pending } from '../drift.ts';
import { createDriftView } from '../drift-view.tsx';
import { defineFeature, type FeatureContext } from '../feature.ts';
import { Icon } from '../icons.tsx';
import { mountUi, type Mounted } from '../mount.tsx';
import { observe } from '../observe.ts';
import { pageRowLookups, type RowLookups } from '../row-lookups.ts';

const seatwiseSide = (u: User) => ({ roles: u.roles, orgIds: u.orgIds, archived: u.status === 'archived' });

/** One row's drift, kept in step with its lookup answer; returns whether it is out of step now. */
function watchRow(row: UserRow, ctx: FeatureContext, signal: AbortSignal, lookups: RowLookups, changed: () => void) {
  const drift = makeSignal<Drift | null>(null);
  const pending = makeSignal<Pending[]>([]);
  let mounted: Mounted | null = null;
  let asked = 0;
  // Made for the few rows out of step only, not for each of thousands of rows.
  const view = () =>
    createDriftView(
      { hostUserId: row.hostUserId, email: row.email, seatwiseOrgIds: () => lookups.result(row.hostUserId).peek()?.user?.orgIds ?? [] },
      { backend: ctx.backend, canChange: ctx.canChange, orgName: ctx.orgName },
    );
  let View: ReturnType<typeof view> | null = null;
  const stop = effect(() => {
    const user = lookups.result(row.hostUserId).value?.user;
    if (!row.rowElement.isConnected) return;
    // The row shows what the platform holds; the answer, what Seatwise holds (users outside the caller's scope answer null: no drift shown).
    const d = user ? driftOf(row, seatwiseSide(user)) : null;
    drift.value = d;
    changed();
    if (d && !mounted) {
      const Shown = (View ??= view());
      mounted = mountUi(row.anchor, <Shown drift={drift} pending={pending} />, { signal, feature: 'users-drift' });
    }
    else if (!d && mounted) mounted.unmount(), (mounted = null);
    const mine = ++asked;
    if (!d || !user) return void (pending.value = []);
    // Which differences Seatwise made itself is in the user's recent events: asked only for rows out of step.
    void ctx.backend.request('users.get', { id: user.id }).then(
      (got) => mine === asked && (pending.value = pendingOnPlatform(d, got.data.events, ctx.orgName)),
      () => undefined,
    );
  });
  signal.addEventListener('abort', stop, { once: true });
  return () => drift.peek() !== null && row.rowElement.isConnected;
}

function Summary({ count }: { count: { value: number } }) {
  if (!count.value) return null;
  return (
    <div class="bar" role="status" aria-label="Seatwise out of step" data-out-of-step={count.value}>
      <span class="chip tone-drift" data-tone="drift"><Icon name="alert" />{`${plural(count.value, 'row')} on this page out of step with Seatwise`}</span>
      <span class="muted small">Each says what differs; “Use the platform’s” makes Seatwise match the platform.</span>
    </div>
  );
}

/**
 * Users list: a row whose roles or organizations on the platform differ
 * from Seatwise's gets an "out of step" chip naming both sides, the changes
 * Seatwise made that are pending on the platform (with the step to apply
 * them there) and one click to take the platform's side; above the table,
 * how many rows on the page are out of step.
 */
export default defineFeature({
  id: 'users-drift',
  description: 'Out-of-step chips where the platform and Seatwise disagree, pending platform steps, and the count on the page.',
  pages: ['users-list'],
  init(signal, ctx) {
    const adapter = ctx.adapters.usersList;
    const lookups = pageRowLookups(ctx);
    const rows = new Set<() => boolean>();
    const count = makeSignal(0);
    // Thousands of rows settle in one answer: count once after them, not once per row.
    let counting = false;
    const recount = () => {
      if (counting) return;
      counting = true;
      queueMicrotask(() => {
        counting = false;
        let n = 0;
        for (const outOfStep of rows) if (outOfStep()) n++;
        count.value = n;
      });
    };
    observe(adapter.selectors.table, (tables) => {
      for (const table of tables) mountUi(adapter.countsAnchor(table), <Summary count={count} />, { signal, feature: 'users-drift-summary' });
    }, { signal, name: 'users-drift-summary' });
    observe(adapter.selectors.rows, (elements) => {
      const read = elements.flatMap((el) => adapter.readRow(el) ?? []);
      lookups.want(read);
      // Rows the host threw away no longer count.
      for (const r of rows) if (!r()) rows.delete(r);
      for (const row of read) rows.add(watchRow(row, ctx, signal, lookups, recount));
      recount();
    }, { signal, name: 'users-drift' });
  },
});
