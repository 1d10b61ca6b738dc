import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../testing/fake-backend.ts';
import { createAlertsState, parseRecipients, testOutcome } from './alerts-state.ts';

const view = (over: { url?: string | null; renewalDays?: number[]; usagePct?: number } = {}) => ({
  renewalDays: over.renewalDays ?? [90, 60, 30, 7],
  usagePct: over.usagePct ?? 90,
  webhook: { url: over.url ?? null, environmentDefault: false, source: over.url ? ('setting' as const) : ('none' as const) },
  editable: true,
});

describe('the Alerts tab state', () => {
  it('a re-read (a live change, another admin) refreshes the form but never overwrites edits not saved yet', async () => {
    const backend = createFakeBackend({ 'alertSettings.get': view(), 'reportSettings.get': { every: 'weekly', recipients: [] } });
    const state = createAlertsState(backend);
    await state.load();
    expect(state.usagePct.value).toBe('90');

    state.every.value = 'monthly';
    state.webhookUrl.value = 'https://hooks.test/x';
    backend.answer('alertSettings.get', view({ usagePct: 80 }));
    backend.answer('reportSettings.get', { every: 'daily', recipients: ['a@b.test'] });
    await state.load();
    // The saved values are shown as they are now; the fields being edited keep what was typed.
    expect(state.view.value?.usagePct).toBe(80);
    expect(state.report.value).toEqual({ every: 'daily', recipients: ['a@b.test'] });
    expect([state.webhookUrl.value, state.every.value]).toEqual(['https://hooks.test/x', 'monthly']);

    // Our own save's answer fills the form; an untouched form follows later re-reads.
    backend.answer('alertSettings.save', ({ webhookUrl, renewalDays, usagePct }) => view({ url: webhookUrl, renewalDays, usagePct }));
    await state.saveAlerts();
    expect(state.alerts.saved.value).toBe(true);
    backend.answer('alertSettings.get', view({ url: 'https://hooks.test/x', usagePct: 70 }));
    await state.load();
    expect(state.usagePct.value).toBe('70');
    expect(state.unsaved()).toBe(false);
  });

  it('says what a test send found, and reads recipients one per line or comma-separated', () => {
    expect(testOutcome({ source: 'setting', delivered: true, status: 204, error: null })).toBe('Delivered to the webhook URL saved here: the receiver answered HTTP 204.');
    expect(testOutcome({ source: 'environment', delivered: false, status: 500, error: 'HTTP 500' })).toContain('Not delivered to the server’s default webhook (ALERT_WEBHOOK_URL): the receiver answered HTTP 500.');
    expect(testOutcome({ source: 'setting', delivered: false, status: null, error: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9' })).toContain('ECONNREFUSED');
    expect(parseRecipients('a@x.test, b@x.test\n\nc@x.test;')).toEqual(['a@x.test', 'b@x.test', 'c@x.test']);
  });
});
