import { effect, signal as makeSignal, type Signal } from '@preact/signals';
import { PRODUCT_LABELS, PRODUCTS, SKU_LABELS, withArticle, type Sku } from '@seatwise/shared/catalog';
import { toFailure } from '../../api/failure.ts';
import type { TransferPreview } from '../../api/types.ts';
import type { EditUserState } from '../edit-user-state.ts';
import type { FeatureContext } from '../feature.ts';
import { keepHomeFirst, orgsMoved } from '../home-org.ts';
import { mountUi } from '../mount.tsx';

type Shown = { tone: 'info' | 'warn'; title: string; lines: string[] } | 'loading' | null;

/**
 * The license effect of a move, one line per product: "weCLIMB: the seat
 * goes back (a weCLIMB pool)", "eLearn: takes a Combined seat", "weCLIMB:
 * waits for a seat (none free)", "weCLIMB: the seat moves to a Combined pool".
 */
export function transferLines(preview: TransferPreview): string[] {
  return PRODUCTS.flatMap((product) => {
    const of = (kind: string) => preview.changes.find((c) => c.product === product && c.kind === kind);
    const released = of('released');
    const acquired = of('acquired');
    const waiting = of('waiting');
    const name = PRODUCT_LABELS[product];
    const pool = (sku: Sku | null) => (sku ? withArticle(`${SKU_LABELS[sku]} pool`) : 'its pool');
    if (released && acquired) return [`${name}: the seat moves to ${pool(acquired.sku)}`];
    if (acquired) return [`${name}: takes a seat from ${pool(acquired.sku)}`];
    if (waiting) return [`${name}: ${released ? 'the seat goes back and the user ' : ''}waits for a seat (none free)`];
    if (released) return [released.poolId ? `${name}: loses the license (the seat goes back to ${pool(released.sku)})` : `${name}: stops waiting for a seat`];
    return [];
  });
}

function Effect({ shown }: { shown: Signal<Shown> }) {
  const s = shown.value;
  if (!s) return null;
  if (s === 'loading') return <span class="notice info" role="status">Seatwise: working out what the move does to licenses…</span>;
  return (
    <span class={`notice ${s.tone}`} role="status" data-field="org-move-effect">
      <strong>{s.title}</strong>
      {s.lines.map((l) => <span key={l} style="display:block">{l}</span>)}
    </span>
  );
}

/**
 * Edit User Org Preview's work (features/edit-user-org-preview.tsx) on one
 * form, from the moment its organizations first differ from Seatwise's.
 */
export function orgMovePreview(signal: AbortSignal, ctx: FeatureContext<'edit-user'>, form: HTMLFormElement, state: EditUserState) {
  const adapter = ctx.adapters.editUser;
  const anchor = adapter.orgsAnchor(form);
  if (!anchor) return;
  const shown = makeSignal<Shown>(null);
  mountUi(anchor, <Effect shown={shown} />, { signal, feature: 'edit-user-org-preview' });
  let asked = 0;
  const update = async () => {
    const user = state.detail.peek()?.user;
    const picked = adapter.selectedOrgIds(form);
    const mine = ++asked;
    if (!user || !orgsMoved(user.orgIds, picked)) return void (shown.value = null);
    const orgIds = keepHomeFirst(user.orgIds, picked);
    if (!ctx.inScope(orgIds)) return void (shown.value = { tone: 'warn', title: 'Seatwise cannot preview this move', lines: ['An organization picked is outside your organizations.'] });
    shown.value = 'loading';
    try {
      const preview = await ctx.backend.request('users.transferPreview', { userId: user.id, orgIds });
      if (mine !== asked || signal.aborted) return;
      const lines = transferLines(preview);
      const home = preview.homeOrgId !== user.orgIds[0] ? [`New home organization: ${ctx.orgName(preview.homeOrgId)}`] : [];
      shown.value = lines.length
        ? { tone: preview.changes.some((c) => c.kind !== 'acquired') ? 'warn' : 'info', title: 'Saving this move in Seatwise:', lines: [...home, ...lines] }
        : { tone: 'info', title: 'Saving this move changes no license in Seatwise.', lines: home };
    } catch (error) {
      if (mine === asked && !signal.aborted) shown.value = { tone: 'warn', title: 'Seatwise could not preview this move', lines: [toFailure(error).message] };
    }
  };
  form.addEventListener('change', (e) => void (adapter.isOrgsField(e.target) && update()), { signal });
  // Now, and again whenever Seatwise's view of the user changes (after the Save, the picks may match it).
  const stop = effect(() => void (state.detail.value && update()));
  signal.addEventListener('abort', stop, { once: true });
}
