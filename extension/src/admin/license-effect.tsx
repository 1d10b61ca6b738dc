import { PRODUCT_LABELS, plural } from '@seatwise/shared/catalog';
import type { Job } from '@seatwise/shared';
import type { LicenseEffect } from '../api/types.ts';
import { FailureNotice, Spinner } from '../ui/components.tsx';
import { skuLabel } from '../ui/format.ts';
import type { ChangeFlow } from './change-flow.ts';

/** "1 user gains", "3 users gain": a count of users with its verb agreeing. */
const users = (n: number, one: string, many: string) => `${plural(n, 'user')} ${n === 1 ? one : many}`;

/**
 * A preview in one sentence: "2 users gain a license, 1 user waits for a
 * seat, no one loses one (4 users checked)".
 */
export function effectHeadline(effect: LicenseEffect): string {
  const checked = `${plural(effect.users, 'user')} checked`;
  if (!effect.gain && !effect.lose && !effect.wait) return `No license changes (${checked}).`;
  const parts = [
    effect.gain ? users(effect.gain, 'gains a license', 'gain a license') : null,
    effect.wait ? users(effect.wait, 'waits for a seat', 'wait for a seat') : null,
    effect.lose ? users(effect.lose, 'loses a license', 'lose a license') : null,
  ].filter(Boolean);
  return `${parts.join(', ')} (${checked}).`;
}

/** What the preview says, per product and per pool, in words and two small tables. */
export function EffectView({ effect, caption }: { effect: LicenseEffect; caption: string }) {
  const products = effect.products.filter((p) => p.gain || p.lose || p.wait);
  return (
    <div class="effect" data-field="license-effect">
      <p class="effect-headline" role="status">
        <strong>{effectHeadline(effect)}</strong>
        {effect.served > 0 && ` ${users(effect.served, 'already waiting elsewhere gets', 'already waiting elsewhere get')} a seat that comes free.`}
      </p>
      {products.length > 0 && (
        <table class="table effect-table">
          <caption>{`${caption}: per product`}</caption>
          <thead><tr><th scope="col">Product</th><th scope="col" class="num">Gain</th><th scope="col" class="num">Wait</th><th scope="col" class="num">Lose</th></tr></thead>
          <tbody>
            {products.map((p) => (
              <tr key={p.product} data-product={p.product}>
                <th scope="row">{PRODUCT_LABELS[p.product]}</th>
                <td class="num">{p.gain}</td><td class="num">{p.wait}</td><td class="num">{p.lose}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {effect.pools.length > 0 && (
        <table class="table effect-table">
          <caption>{`${caption}: per pool`}</caption>
          <thead><tr><th scope="col">Pool</th><th scope="col" class="num">Seats taken</th><th scope="col" class="num">Seats freed</th><th scope="col">Assigned</th></tr></thead>
          <tbody>
            {effect.pools.map((p) => (
              <tr key={p.poolId} data-pool={p.poolId}>
                <th scope="row">{`${p.name} (${skuLabel(p.sku)})`}</th>
                <td class="num">{p.taken}</td><td class="num">{p.released}</td>
                <td>{`${p.assignedBefore} → ${p.assignedAfter} of ${plural(p.seats, 'seat')}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const jobWords = (job: Job | null) =>
  !job ? 'Licenses are following the change…' : `Licenses are following the change: ${job.done + job.refused} of ${plural(job.total, 'user')} re-evaluated…`;

/**
 * A change flow's state below its form: the preview (or why it failed), the
 * apply button once previewed, then the licenses following.
 */
export function FlowView({ flow, caption, applyLabel, onApplied }: { flow: ChangeFlow; caption: string; applyLabel: string; onApplied?: string }) {
  const step = flow.step.value;
  const effect = flow.effect.value;
  const job = flow.job.value;
  return (
    <div class="flow" aria-live="polite">
      {step === 'previewing' && <p class="loading-block"><Spinner label="Previewing" /> <span class="muted">Working out what the change would do to licenses…</span></p>}
      {flow.failure.value && <FailureNotice failure={flow.failure.value} />}
      {effect && <EffectView effect={effect} caption={caption} />}
      {(step === 'previewed' || step === 'applying') && (
        <div class="admin-actions">
          <button type="button" class="btn btn-primary" disabled={step === 'applying'} onClick={() => void flow.apply()}>{step === 'applying' ? 'Applying…' : applyLabel}</button>
          <button type="button" class="btn" disabled={step === 'applying'} onClick={flow.reset}>Cancel</button>
        </div>
      )}
      {step === 'following' && <p class="loading-block" role="status"><Spinner label="Applying" /> <span class="muted">{jobWords(job)}</span></p>}
      {step === 'applied' && (
        <div class="notice notice-ok" role="status">
          <strong class="notice-title">Applied</strong>
          <p class="notice-body">
            {job ? `${onApplied ?? 'Changed'}: ${plural(job.done, 'user')} re-evaluated${job.refused ? `, ${plural(job.refused, 'user')} could not be` : ''}.` : `${onApplied ?? 'Changed'}: no user's licenses needed to change.`}
          </p>
        </div>
      )}
    </div>
  );
}
