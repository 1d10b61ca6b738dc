import { useEffect } from 'preact/hooks';
import { PAGE_KINDS } from '../adapters/overrides-schema.ts';
import { FailureNotice, Section } from '../ui/components.tsx';
import { ConnectionPill } from '../ui/connection-pill.tsx';
import { INACTIVITY_WINDOWS } from '../storage/items.ts';
import type { OptionsState } from './options-state.ts';

function SignIn({ state }: { state: OptionsState }) {
  return (
    <form class="card panel form" onSubmit={(e) => (e.preventDefault(), void state.signIn())}>
      <div class="field">
        <label for="server-url">Server URL</label>
        <input id="server-url" class="input" type="url" required value={state.serverUrl.value} onInput={(e) => (state.serverUrl.value = e.currentTarget.value)} placeholder="https://seatwise.district.org" />
      </div>
      <div class="field">
        <label for="api-token">API token</label>
        <input id="api-token" class="input" type="password" required autocomplete="off" value={state.token.value} onInput={(e) => (state.token.value = e.currentTarget.value)} placeholder="sw_…" />
      </div>
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={state.signingIn.value}>{state.signingIn.value ? 'Signing in…' : 'Sign in'}</button>
        {state.signedIn.value && <button type="button" class="btn" onClick={() => void state.signOut()}>Sign out</button>}
      </div>
      <div aria-live="polite" class="stack">
        {state.signInFailure.value && <FailureNotice failure={state.signInFailure.value} />}
        {state.signedInText.value && (
          <div class="notice notice-ok" data-testid="signed-in">
            <strong class="notice-title">{state.signedInText.value}</strong>
            <p class="notice-body small">Organizations in scope:</p>
            <ul class="orgs">{state.orgs.value.map((o) => <li key={o.id}>{o.name}</li>)}</ul>
          </div>
        )}
      </div>
    </form>
  );
}

function Origins({ state }: { state: OptionsState }) {
  return (
    <div class="card panel stack">
      <p class="muted small">Seatwise runs on the local demo server out of the box. Add your platform's address; the browser asks you to allow it.</p>
      <ul class="origin-list">
        {state.origins.value.length === 0 && <li class="muted small">No other sites yet.</li>}
        {state.origins.value.map((o) => (
          <li key={o} class="origin">
            <code>{o}</code>
            <button type="button" class="btn btn-small" onClick={() => void state.removeOrigin(o)} aria-label={`Remove ${o}`}>Remove</button>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={(e) => (e.preventDefault(), void state.addOrigin())}>
        <label for="origin" class="visually-hidden">Site address</label>
        <input id="origin" class="input" value={state.originInput.value} onInput={(e) => (state.originInput.value = e.currentTarget.value)} placeholder="https://elearn.district.org" />
        <button type="submit" class="btn">Add site</button>
      </form>
      {state.originError.value && <p class="field-error" role="alert">{state.originError.value}</p>}
    </div>
  );
}

function Preferences({ state }: { state: OptionsState }) {
  return (
    <div class="card panel stack">
      <fieldset class="radios">
        <legend class="label">Inactivity window</legend>
        {INACTIVITY_WINDOWS.map((d) => (
          <label key={d} class="radio">
            <input type="radio" name="inactivity" checked={state.inactivityDays.value === d} onChange={() => void state.setInactivityDays(d)} /> {d} days
          </label>
        ))}
      </fieldset>
      <p class="muted small">A licensed user not seen for this long counts as inactive in the overlay's chips.</p>
    </div>
  );
}

function Overrides({ state }: { state: OptionsState }) {
  const check = state.overridesCheck.value;
  return (
    <div class="card panel stack">
      <div class="field">
        <label for="overrides">Site adapter selector overrides (JSON)</label>
        <textarea id="overrides" class="input" rows={8} spellcheck={false} value={state.overridesText.value} onInput={(e) => state.editOverrides(e.currentTarget.value)} placeholder={`{\n  "users-list": { "rows": "table.users tbody tr" }\n}`} aria-describedby="overrides-help" aria-invalid={!check.ok} />
        <p id="overrides-help" class="muted small">{`Per page kind (${PAGE_KINDS.join(', ')}), a selector name and a CSS selector. Leave empty for the built-in selectors.`}</p>
      </div>
      {!check.ok && <ul class="field-error" role="alert">{check.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
      <div class="row">
        <button type="button" class="btn btn-primary" disabled={!check.ok} onClick={() => void state.saveOverrides()}>Save overrides</button>
        <button type="button" class="btn" onClick={() => void state.resetOverrides()}>Reset to built-in</button>
        {state.overridesSaved.value && <span class="muted small" role="status">Saved.</span>}
      </div>
    </div>
  );
}

export function OptionsApp({ state }: { state: OptionsState }) {
  useEffect(() => void state.load(), [state]);
  return (
    <div class="options">
      <header class="options-head">
        <img src="/icon/48.png" width={32} height={32} alt="" />
        <h1>Seatwise options</h1>
        <ConnectionPill state={state.session.value?.state ?? null} />
      </header>
      <Section title="Server" id="server"><SignIn state={state} /></Section>
      <Section title="Sites to run on" id="sites"><Origins state={state} /></Section>
      <Section title="Preferences" id="prefs"><Preferences state={state} /></Section>
      <Section title="Advanced" id="advanced"><Overrides state={state} /></Section>
    </div>
  );
}
