import { signal, type ReadonlySignal } from '@preact/signals';
import { outcomeUnknown, toFailure } from '../api/failure.ts';
import type { Backend } from '../messaging/client.ts';
import { FailureText } from './components.tsx';
import { driftLines, type Drift, type Pending } from './drift.ts';
import { Icon } from './icons.tsx';
import { syncPlatformRecord } from './platform-sync.ts';
import { onTrusted } from './trusted.ts';

export interface DriftSubject {
  hostUserId: string;
  email: string;
  /** Seatwise's organizations now: the home organization stays first when the platform still lists it. */
  seatwiseOrgIds(): readonly string[];
}

/**
 * The "out of step" chip of one user, naming both sides, the changes
 * pending on the platform with the step that applies each there, and (for
 * admins) one click that takes the platform's side: the platform's own
 * record, read from its API (never the page's cells), synced as a host
 * change — never refused, a license may wait for a seat, and through the
 * outbox when Seatwise cannot be reached.
 */
export function createDriftView(subject: DriftSubject, { backend, canChange, orgName }: { backend: Backend; canChange: boolean; orgName: (id: string) => string }) {
  const busy = signal(false);
  const note = signal<{ error: boolean; text: string } | null>(null);
  const take = onTrusted(async () => {
    if (busy.value) return;
    busy.value = true;
    note.value = null;
    try {
      const record = await backend.request('host.record', { hostUserId: subject.hostUserId });
      if (!record) return void (note.value = { error: true, text: `The platform has no user ${subject.hostUserId}; nothing was changed.` });
      const outcome = await syncPlatformRecord(backend, record, subject.seatwiseOrgIds());
      if ('queued' in outcome) note.value = { error: false, text: 'Seatwise cannot be reached now: the platform’s side is sent as soon as it can be.' };
    } catch (e) {
      const failure = toFailure(e);
      note.value = { error: true, text: outcomeUnknown(failure) ? `Outcome unknown: no answer came back (${failure.message}).` : failure.message };
    } finally {
      busy.value = false;
    }
  });

  return function DriftView({ drift, pending }: { drift: ReadonlySignal<Drift | null>; pending: ReadonlySignal<Pending[]> }) {
    const d = drift.value;
    if (!d) return null;
    // An archive is Seatwise's to undo, not a sync's: only role and organization differences offer the platform's side.
    const offer = canChange && (d.roles || d.orgs);
    return (
      <div class="drift" role="group" aria-label={`Out of step: ${subject.email}`} data-drift="">
        <span class="chip tone-drift" data-tone="drift" title="The platform and Seatwise disagree about this user.">
          <Icon name="alert" />
          <span>
            <strong>Out of step</strong>
            {driftLines(d, orgName).map((line) => <span key={line} style="display:block">{line}</span>)}
          </span>
        </span>
        {offer && (
          <button type="button" class="chip-action" onClick={take} disabled={busy.value} aria-label={`Use the platform’s roles and organizations for ${subject.email}`}>
            <Icon name="sync" />
            {busy.value ? 'Syncing…' : 'Use the platform’s'}
          </button>
        )}
        {pending.value.length > 0 && (
          <ul class="pending" aria-label={`Pending on the platform for ${subject.email}`}>
            {pending.value.map((p) => (
              <li key={p.what}>
                <strong>Pending on the platform:</strong> {`${p.what}. `}
                <span class="step">{p.step}</span>
              </li>
            ))}
          </ul>
        )}
        {note.value && (note.value.error ? <FailureText message={note.value.text} /> : <span class="muted small">{note.value.text}</span>)}
      </div>
    );
  };
}
