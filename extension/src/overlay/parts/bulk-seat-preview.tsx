import { signal as makeSignal, type Signal } from '@preact/signals';
import { ROLE_LABELS, type Role } from '@seatwise/shared/catalog';
import { toFailure } from '../../api/failure.ts';
import type { BulkAction } from '../../adapters/users-list.ts';
import { summarizeBulk, type BulkEffect } from '../bulk-effect.ts';
import type { FeatureContext } from '../feature.ts';
import { mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';
import type { RowLookups } from '../row-lookups.ts';

function Effect({ effect }: { effect: Signal<BulkEffect | 'loading' | string | null> }) {
  const e = effect.value;
  if (!e) return null;
  if (e === 'loading') return <span class="notice info" role="status">Seatwise: working out the seat effect…</span>;
  if (typeof e === 'string') return <span class="notice warn" role="status">{e}</span>;
  return (
    <span class={`notice ${e.refused > 0 ? 'warn' : 'info'}`} role="status" data-field="bulk-effect">
      <strong>{`Seat effect in Seatwise: ${e.headline}`}</strong>
      {e.lines.map((l) => <span key={l} style="display:block">{l}</span>)}
    </span>
  );
}

/** The roles a bulk panel adds or removes; none for Change Organizations or before a role is picked. */
const roleChange = (action: BulkAction | null) =>
  action && action.kind !== 'change-organizations' && action.role ? { add: action.kind === 'add-role' ? [action.role] : [], remove: action.kind === 'remove-role' ? [action.role] : [] } : null;

/** Bulk Seat Preview's work (features/bulk-seat-preview.tsx): from the bulk panel the user opened, and every one after it. */
export function bulkSeatPreview(signal: AbortSignal, ctx: FeatureContext<'users-list'>, lookups: RowLookups) {
  const adapter = ctx.adapters.usersList;
  const selectedUsers = () => lookups.known(adapter.selectedIds()).flatMap((r) => (r.user ? [{ userId: r.user.id, roles: r.roles as Role[] }] : []));

  observe(adapter.selectors.bulkPanel, (panels) => {
    for (const panel of panels) {
      const effect = makeSignal<BulkEffect | 'loading' | string | null>(null);
      mountUi(adapter.bulkEffectAnchor(panel), <Effect effect={effect} />, { signal, feature: 'bulk-seat-preview' });
      let asked = 0;
      const update = async () => {
        const c = roleChange(adapter.readBulkPanel(panel));
        if (!c) return void (effect.value = null);
        const users = selectedUsers();
        const mine = ++asked;
        effect.value = 'loading';
        const items = users.map((u) => ({ userId: u.userId, roles: [...u.roles.filter((r) => !c.remove.includes(r)), ...c.add.filter((r) => !u.roles.includes(r))] }));
        try {
          const previews = items.length ? await ctx.backend.request('roles.previewMany', { items }) : [];
          if (mine === asked) effect.value = summarizeBulk(previews, { selected: adapter.selectedIds().length, known: users.length, verb: `${c.add.length ? 'Add' : 'Remove'} ${ROLE_LABELS[(c.add[0] ?? c.remove[0])!]}` });
        } catch (error) {
          if (mine === asked) effect.value = toFailure(error).message;
        }
      };
      panel.addEventListener('change', () => void update(), { signal });
      void update();
    }
  }, { signal, name: 'bulk-seat-preview' });
}
