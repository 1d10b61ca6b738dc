import { signal as makeSignal, type Signal } from '@preact/signals';
import type { AlertsView } from '../../messaging/protocol.ts';
import { defineFeature } from '../feature.ts';
import { mountUi } from '../mount.tsx';
import { observe } from '../observe.ts';

const SEVERITY_WORDS = { critical: 'Critical', warning: 'Warning', info: 'Info' } as const;

function Alerts({ view }: { view: Signal<AlertsView | null> }) {
  const open = view.value?.alerts.filter((a) => !a.acknowledged) ?? [];
  if (!open.length) return null;
  return (
    <ul class="alerts" aria-label="Seatwise alerts">
      {open.slice(0, 3).map((a) => (
        <li key={a.id} class={`alert ${a.severity}`}>
          <span class="sev">{SEVERITY_WORDS[a.severity] ?? a.severity}</span>
          <span>{a.message}</span>
        </li>
      ))}
      {open.length > 3 && <li class="muted small">{`${open.length - 3} more alerts in the Seatwise popup.`}</li>}
    </ul>
  );
}

/** Licenses dashboard: Seatwise's open alerts (renewals, full pools, waiting users) above the host's cards. */
export default defineFeature({
  id: 'licenses-alerts',
  description: 'Open Seatwise alerts above the host License Dashboard.',
  pages: ['licenses'],
  init(signal, ctx) {
    const view = makeSignal<AlertsView | null>(null);
    void ctx.backend.request('alerts.get', {}).then((v) => (view.value = v), () => undefined);
    // Alerts are pushed by the background whenever they change.
    const unsubscribe = ctx.backend.subscribe((push) => push.type === 'alerts' && (view.value = push.view));
    signal.addEventListener('abort', unsubscribe, { once: true });
    observe(ctx.adapters.licenses.selectors.dashboard, (dashboards) => {
      for (const d of dashboards) mountUi(ctx.adapters.licenses.alertsAnchor(d), <Alerts view={view} />, { signal, feature: 'licenses-alerts' });
    }, { signal, name: 'licenses-alerts' });
  },
});
