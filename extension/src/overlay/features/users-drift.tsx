import { signal as makeSignal } from '@preact/signals';
import { render } from 'preact';
import type { LookupUser, Role } from '@seatwise/shared';
import type { UserRow } from '../../adapters/users-list.ts';
import { plural } from '../../ui/format.ts';
import { driftOf, pendingOnPlatform, type Drift, type Pending } from '../drift.ts';
import { createDriftView } from '../drift-view.tsx';
import { defineFeature, type FeatureContext } from '../feature.ts';
import { Icon } from '../icons.tsx';
import { mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';
import { pageRowLayer } from '../page-rows.ts';
import { pageRowLookups, type RowLookups } from '../row-lookups.ts';

const seatwiseSide = (user: LookupUser, roles: Role[]) => ({ roles, orgIds: user.orgIds, archived: user.status === 'archived' });

/**
 * One row's drift view and what it shows: made for the few rows out of step
 * only, kept while the row is (so a sync's busy state and note survive an
 * answer that leaves the row out of step).
 */
function driftRow(row: UserRow, ctx: FeatureContext, lookups: RowLookups) {
  const View = createDriftView(
    { hostUserId: row.hostUserId, email: row.email, seatwiseOrgIds: () => lookups.result(row.hostUserId).peek()?.user?.orgIds ?? [] },
    { backend: ctx.backend, canChange: ctx.canChange, orgName: ctx.orgName },
  );
  const drift = makeSignal<Drift | null>(null);
  const pending = makeSignal<Pending[]>([]);
  let asked = 0;
  return {
    Shown: () => <View drift={drift} pending={pending} />,
    /** The row's drift now (null: in step); asks which differences Seatwise made itself, for rows out of step. */
    show(d: Drift | null, userId: string | null) {
      drift.value = d;
      const mine = ++asked;
      if (!d || !userId) return void (pending.value = []);
      // Which differences Seatwise made itself is in the user's recent events: asked only for rows out of step.
      void ctx.backend.request('users.get', { id: userId }).then(
        (got) => mine === asked && (pending.value = pendingOnPlatform(d, got.data.events, ctx.orgName)),
        () => undefined,
      );
    },
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
    const views = new WeakMap<Element, ReturnType<typeof driftRow>>();
    /** The rows out of step, counted once every row is drawn (rows the host threw away no longer count). */
    const outOfStep = new Set<Element>();
    const count = makeSignal(0);
    observe(adapter.selectors.table, (tables) => {
      for (const table of tables) mountUi(adapter.countsAnchor(table), <Summary count={count} />, { signal, feature: 'users-drift-summary' });
    }, { signal, name: 'users-drift-summary' });
    // Each row is checked in the row layer's slices, its drift UI drawn in the row's slot: all of it goes in together, with one layout of the table.
    pageRowLayer(ctx).part({
      feature: 'users-drift',
      // Unchanged answers keep their object (row-lookups): nothing to do for them.
      stamp: (row) => lookups.result(row.hostUserId).peek(),
      paint(row, root, answer) {
        const user = answer?.user;
        // The row shows what the platform holds; the answer, what Seatwise holds (users outside the caller's scope answer null: no drift shown).
        const d = answer && user ? driftOf(row, seatwiseSide(user, answer.roles)) : null;
        const view = views.get(row.rowElement);
        if (!d) {
          outOfStep.delete(row.rowElement);
          view?.show(null, null);
          return null;
        }
        outOfStep.add(row.rowElement);
        let shown = view;
        if (!shown) views.set(row.rowElement, (shown = driftRow(row, ctx, lookups)));
        shown.show(d, user!.id);
        render(<shown.Shown />, root());
        return { ready: true, oneLine: false };
      },
      clear: (root) => render(null, root),
      settled() {
        for (const el of outOfStep) if (!el.isConnected) outOfStep.delete(el);
        count.value = outOfStep.size;
      },
    });
  },
});
