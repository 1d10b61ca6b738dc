import { signal as makeSignal, type Signal } from '@preact/signals';
import { ROLE_LABELS, type Role } from '@seatwise/shared/catalog';
import type { Job } from '@seatwise/shared';
import { recordChanged, type HostRecord } from '../../adapters/host-records.ts';
import { toFailure } from '../../api/failure.ts';
import type { BulkAction } from '../../adapters/users-list.ts';
import { summarizeBulk, type BulkEffect } from '../bulk-effect.ts';
import { keepHomeFirst } from '../home-org.ts';
import { defineFeature } from '../feature.ts';
import { hostSaveOutcome } from '../host-outcome.ts';
import { mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';
import { createRowLookups, ROW_LOOKUPS } from '../row-lookups.ts';
import { newIdempotencyKey } from '../trusted.ts';

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

function Progress({ job }: { job: Signal<Job | null> }) {
  const j = job.value;
  if (!j) return null;
  const pct = j.total ? Math.round(((j.done + j.refused) / j.total) * 100) : 100;
  const finished = j.status === 'done';
  return (
    <div class="bar" role="status" aria-label="Seatwise bulk change" data-job-status={j.status}>
      <span class="bar-title"><span class="brand-dot" />Seatwise bulk change</span>
      <span>{finished ? `Done: ${j.done} applied${j.refused ? `, ${j.refused} not applied` : ''}` : `Applying… ${j.done + j.refused} of ${j.total}`}</span>
      <span class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Bulk change progress"><span style={`width:${pct}%`} /></span>
    </div>
  );
}

/**
 * Users list → Bulk Actions: while an add/remove-role panel is open, the seat
 * effect of the change on the ticked users (server previews, summed per
 * pool); once the host applied it, the users whose record the platform
 * really changed are synced to Seatwise, with progress below the toolbar.
 */
export default defineFeature({
  id: 'bulk-seat-preview',
  description: 'Seat effect of a bulk role change before it runs, and its progress while it runs.',
  pages: ['users-list'],
  init(signal, ctx) {
    const adapter = ctx.adapters.usersList;
    const lookups = ctx.shared(ROW_LOOKUPS, (s) => createRowLookups(ctx.backend, s));
    const job = makeSignal<Job | null>(null);

    const selectedUsers = () => lookups.known(adapter.selectedIds()).flatMap((r) => (r.user ? [{ userId: r.user.id, roles: r.user.roles as Role[] }] : []));
    const change = (action: BulkAction | null) =>
      action && action.kind !== 'change-organizations' && action.role ? { add: action.kind === 'add-role' ? [action.role] : [], remove: action.kind === 'remove-role' ? [action.role] : [] } : null;

    observe(adapter.selectors.bulkToolbar, (toolbars) => {
      for (const t of toolbars) mountUi(adapter.progressAnchor(t), <Progress job={job} />, { signal, feature: 'bulk-seat-preview-progress' });
    }, { signal, name: 'bulk-seat-preview-progress' });

    observe(adapter.selectors.bulkPanel, (panels) => {
      for (const panel of panels) {
        const effect = makeSignal<BulkEffect | 'loading' | string | null>(null);
        mountUi(adapter.bulkEffectAnchor(panel), <Effect effect={effect} />, { signal, feature: 'bulk-seat-preview' });
        let asked = 0;
        const update = async () => {
          const c = change(adapter.readBulkPanel(panel));
          const users = selectedUsers();
          void snapshot(adapter.selectedIds());
          if (!c) return void (effect.value = null);
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

    /**
     * The platform's records of the selected users, read from the platform's API while the panel is open
     * (before Apply): what a host bulk action must have changed to be synced.
     */
    const baselines = new Map<string, HostRecord>();
    const readRecord = (id: string) => ctx.backend.request('host.record', { hostUserId: id }).catch((): HostRecord | null => null);
    const snapshot = async (ids: string[]) => {
      for (const id of ids) {
        if (signal.aborted) return;
        const record = baselines.has(id) ? null : await readRecord(id);
        if (record) baselines.set(id, record);
      }
    };

    /**
     * After the host says it applied a bulk action, each selected user's record is read again from the
     * platform; the users whose record really changed are synced to Seatwise as host changes (never refused,
     * licenses may wait). The panel, the ticked rows and the flash are the page's and may be forged; a
     * change the platform did not make is never synced.
     */
    const syncConfirmed = async (ids: string[]) => {
      const outcome = await hostSaveOutcome(adapter.selectors, { signal });
      if (outcome !== 'saved') return;
      const progress: Job = { id: 'host-bulk', kind: 'host_bulk', status: 'running', total: ids.length, done: 0, refused: 0, createdAt: '', finishedAt: null, items: [] };
      job.value = progress;
      for (const id of ids) {
        if (signal.aborted) return;
        const [before, after] = [baselines.get(id), await readRecord(id)];
        if (before && after && recordChanged(before, after)) {
          baselines.set(id, after);
          const known = lookups.known([id])[0]?.user;
          try {
            await ctx.backend.request('users.sync', { email: after.email, firstName: after.firstName || after.email, lastName: after.lastName || '-', externalId: id, orgIds: keepHomeFirst(known?.orgIds ?? [], after.orgIds), roles: after.roles, idempotencyKey: newIdempotencyKey() });
            progress.done++;
          } catch {
            progress.refused++;
          }
        } else progress.refused++;
        job.value = { ...progress };
      }
      job.value = { ...progress, status: 'done' };
    };

    let letThrough = false;
    document.addEventListener('submit', (event) => {
      const panel = event.target;
      if (!(panel instanceof HTMLFormElement) || !panel.matches(adapter.selectors.bulkPanel)) return;
      const ids = adapter.selectedIds();
      if (letThrough || ids.every((id) => baselines.has(id))) {
        letThrough = false;
        return void syncConfirmed(ids);
      }
      // The records before the action must be in hand first, or its changes could not be told apart: hold the Apply until they are.
      event.preventDefault();
      event.stopImmediatePropagation();
      const submitter = event.submitter;
      void snapshot(ids).finally(() => {
        letThrough = true;
        panel.requestSubmit(submitter instanceof HTMLButtonElement && submitter.form === panel ? submitter : undefined);
      });
    }, { capture: true, signal });
  },
});
