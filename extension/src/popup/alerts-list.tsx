import type { AlertView } from '../api/types.ts';
import { Empty, Pill } from '../ui/components.tsx';
import type { Tone } from '../ui/format.ts';

const SEVERITY: Record<string, [Tone, string]> = { critical: ['bad', 'Critical'], warning: ['warn', 'Warning'], info: ['info', 'Info'] };

export function AlertsList({ alerts, canAcknowledge, busy, onAcknowledge }: { alerts: AlertView[]; canAcknowledge: (alert: AlertView) => boolean; busy: ReadonlySet<string>; onAcknowledge: (id: string) => void }) {
  if (!alerts.length) return <Empty>No open alerts.</Empty>;
  return (
    <ul class="alerts">
      {alerts.map((a) => {
        const [tone, word] = SEVERITY[a.severity] ?? ['muted', a.severity];
        return (
          <li key={a.id} class="alert card" data-alert-id={a.id}>
            <Pill tone={tone}>{word}</Pill>
            <p class="alert-text">{a.message}</p>
            {canAcknowledge(a) && (
              <button type="button" class="btn btn-small" disabled={busy.has(a.id)} onClick={() => onAcknowledge(a.id)} aria-label={`Acknowledge: ${a.message}`}>
                Acknowledge
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
