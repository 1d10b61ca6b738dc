import { effect, signal as makeSignal } from '@preact/signals';
import type { LookupResult, User } from '@seatwise/shared';
import type { UserRow } from '../../adapters/users-list.ts';
import { plural } from '../../ui/format.ts';
import { driftOf, pendingOnPlatform, type Drift, type Pending } from '../drift.ts';
import { createDriftView } from '../drift-view.tsx';
import { defineFeature, type FeatureContext } from '../feature.ts';
import { Icon } from '../icons.tsx';
import { mountUi, type Mounted } from '../mount.tsx';
import { observe } from '../observe.ts';
import { pageRows } from '../page-rows.ts';
import { pageRowLookups, type RowLookups } from '../row-lookups.ts';

const seatwiseSide = (u: User) => ({ roles: u.roles, orgIds: u.orgIds, archived: u.status === 'archived' });

/**
 * One row's drift, brought in step with its lookup answer by `check()` (the
 * feature checks every row after each answer); returns whether the row is out
 * of step now. Its signals and view are made for the few rows out of step only.
 */
function driftRow(row: UserRow, ctx: FeatureContext, signal: AbortSignal, lookups: RowLookups) {
  const drift = makeSignal<Drift | null>(null);
  const pending = makeSignal<Pending[]>([]);
  let mounted: Mounted | null = null;
  let asked = 0;
  let seen: LookupResult | undefined;
  const view = () =>
    createDriftView(
      { hostUserId: row.hostUserId, email: row.email, seatwiseOrgIds: () => lookups.result(row.hostUserId).peek()?.user?.orgIds ?? [] },
      { backend: ctx.backend, canChange: ctx.canChange, orgName: ctx.orgName },
    );
  let View: ReturnType<typeof view> | null = null;
  return {
    check() {
      const result = lookups.result(row.hostUserId).peek();
      // Unchanged answers keep their object (row-lookups): nothing to do for them.
      if (result === seen || !row.rowElement.isConnected) return;
      seen = result;
      const user = result?.user;
      // The row shows what the platform holds; the answer, what Seatwise holds (users outside the caller's scope answer null: no drift shown).
      const d = user ? driftOf(row, seatwiseSide(user)) : null;
      drift.value = d;
      if (d && !mounted) {
        const Shown = (View ??= view());
        mounted = mountUi(row.anchor, <Shown drift={drift} pending={pending} />, { signal, feature: 'users-drift' });
      } else if (!d && mounted) mounted.unmount(), (mounted = null);
      const mine = ++asked;
      if (!d || !user) return void (pending.value = []);
      // Which differences Seatwise made itself is in the user's recent events: asked only for rows out of step.
      void ctx.backend.request('users.get', { id: user.id }).then(
        (got) => mine === asked && (pending.value = pendingOnPlatform(d, got.data.events, ctx.orgName)),
        () => undefined,
      );
    },
    outOfStep: () => drift.peek() !== null && row.rowElement.isConnected,
  };
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
    const rows = new Map<Element, ReturnType<typeof driftRow>>();
    const count = makeSignal(0);
    /** Every row brought in step with its answer, then counted (rows the host threw away no longer count). */
    const checkAll = () => {
      let n = 0;
      for (const [el, r] of rows) {
        if (!el.isConnected) rows.delete(el);
        else if ((r.check(), r.outOfStep())) n++;
      }
      count.value = n;
    };
    observe(adapter.selectors.table, (tables) => {
      for (const table of tables) mountUi(adapter.countsAnchor(table), <Summary count={count} />, { signal, feature: 'users-drift-summary' });
    }, { signal, name: 'users-drift-summary' });
    pageRows(ctx).subscribe({
      read(read) {
        for (const row of read) rows.set(row.rowElement, driftRow(row, ctx, signal, lookups));
      },
      // Drift UI changes the table's layout: it goes in for every row at once, not a slice at a time.
      done: checkAll,
    });
    // One subscription for every row: after each answer, the rows whose answer changed are checked again.
    const stop = effect(() => {
      void lookups.version.value;
      checkAll();
    });
    signal.addEventListener('abort', stop, { once: true });
  },
});
