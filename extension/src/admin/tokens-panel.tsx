import type { Authority } from '@seatwise/shared';
import { useEffect, useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import type { TokenRow } from '../api/types.ts';
import { AUTHORITY_LABELS } from '../options/options-state.ts';
import { DataTable } from '../reports/data-table.tsx';
import { Empty, FailureNotice, Pill, Section, Spinner } from '../ui/components.tsx';
import { formatDate, plural } from '../ui/format.ts';
import type { AdminPanelProps } from './admin-tabs.tsx';
import { usePanelState } from './use-panel-state.ts';
import { createTokensState, issuableAuthorities, type JustIssued, type TokensState } from './tokens-state.ts';

export function TokensPanel({ page }: AdminPanelProps) {
  const issuer = page.me.value!.authority;
  const state = usePanelState(page, () => createTokensState(page.backend, issuer), [issuer]);
  return (
    <div class="panel-body">
      <IssueForm state={state} />
      <TokenList state={state} />
    </div>
  );
}

function IssueForm({ state }: { state: TokensState }) {
  const offered = issuableAuthorities(state.issuer);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    void state.issue();
  };
  return (
    <Section title="Issue a token" id="issue-token">
      <p class="muted small">A token signs its holder in to Seatwise with the authority you give, within the holder’s organizations. You can issue tokens to people you may change, never above your own authority.</p>
      <form class="admin-form" onSubmit={onSubmit}>
        <label>
          Holder’s email
          <input class="input" type="email" name="holder" required autocomplete="off" value={state.email.value} onInput={(e) => (state.email.value = e.currentTarget.value)} />
        </label>
        <label>
          Authority
          <select class="input" name="authority" value={state.authority.value} onChange={(e) => (state.authority.value = e.currentTarget.value as Authority)}>
            {offered.map((a) => <option key={a} value={a}>{AUTHORITY_LABELS[a]}</option>)}
          </select>
        </label>
        <label>
          Label <span class="muted small">(optional: what the token is for)</span>
          <input class="input" type="text" name="label" maxLength={100} placeholder="e.g. Nightly roster export" value={state.label.value} onInput={(e) => (state.label.value = e.currentTarget.value)} />
        </label>
        <div class="admin-actions">
          <button type="submit" class="btn btn-primary" disabled={state.issuing.value}>{state.issuing.value ? 'Issuing…' : 'Issue token'}</button>
        </div>
      </form>
      {state.issueFailure.value && <FailureNotice failure={state.issueFailure.value} />}
      {state.issued.value && <IssuedToken issued={state.issued.value} onDone={() => (state.issued.value = null)} />}
    </Section>
  );
}

/** The secret, once: selectable, copyable, and gone when dismissed. */
function IssuedToken({ issued, onDone }: { issued: JustIssued; onDone: () => void }) {
  const copied = useSignal<'yes' | 'failed' | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), [issued]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.token);
      copied.value = 'yes';
    } catch {
      field.current?.select();
      copied.value = 'failed';
    }
  };
  return (
    <div class="notice notice-ok issued-token" role="region" aria-label="New token">
      <strong class="notice-title">{`Token issued to ${issued.holderEmail} (${AUTHORITY_LABELS[issued.authority]}, “${issued.label}”)`}</strong>
      <p class="notice-body">Copy it now and hand it over safely: <strong>you won’t see it again</strong>. Seatwise keeps only a fingerprint of it.</p>
      <div class="admin-actions">
        <input ref={field} class="input token-secret" type="text" readOnly value={issued.token} aria-label="The new token (shown once)" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="btn btn-primary" onClick={() => void copy()}>Copy token</button>
        <button type="button" class="btn" onClick={onDone}>Done</button>
      </div>
      <p class="small" role="status">{copied.value === 'yes' ? 'Copied to the clipboard.' : copied.value === 'failed' ? 'The clipboard is not available here: the token is selected, copy it with Ctrl+C.' : ''}</p>
    </div>
  );
}

function TokenList({ state }: { state: TokensState }) {
  const tokens = state.tokens.value;
  const columns = [
    { key: 'holder', label: 'Holder', render: (t: TokenRow) => <>{t.holder.name}<br /><span class="muted small">{t.holder.email}</span></> },
    { key: 'authority', label: 'Authority', render: (t: TokenRow) => AUTHORITY_LABELS[t.authority] },
    { key: 'label', label: 'Label', render: (t: TokenRow) => <>{t.label}{t.mine && <> <Pill tone="info">This browser</Pill></>}</> },
    { key: 'created', label: 'Issued', nowrap: true, render: (t: TokenRow) => formatDate(t.createdAt) },
    {
      key: 'revoke',
      label: 'Revoke',
      render: (t: TokenRow) =>
        t.revocable ? (
          <button type="button" class="btn btn-small" aria-label={`Revoke “${t.label}” of ${t.holder.email}`} onClick={() => { state.revokedNote.value = null; state.revokeFailure.value = null; state.confirming.value = t; }}>Revoke</button>
        ) : (
          <span class="muted small">Its holder or a system administrator</span>
        ),
    },
  ];
  return (
    <Section title="Tokens" id="token-list" aside={tokens && <span class="muted small">{`${plural(tokens.length, 'active token')} you can see`}</span>}>
      {state.failure.value && <FailureNotice failure={state.failure.value} action={<button type="button" class="btn btn-small" onClick={() => void state.load()}>Try again</button>} />}
      {!tokens && state.loading.value && <div class="loading-block"><Spinner label="Loading tokens" /> <span class="muted">Loading tokens…</span></div>}
      {state.revokedNote.value && <p class="notice notice-ok" role="status">{state.revokedNote.value}</p>}
      {state.confirming.value && <ConfirmRevoke state={state} token={state.confirming.value} />}
      {tokens && tokens.length === 0 && <Empty>No active tokens of people in your organizations.</Empty>}
      {tokens && tokens.length > 0 && <DataTable caption="Active API tokens" rows={tokens} rowKey={(t) => t.id} columns={columns} />}
    </Section>
  );
}

function ConfirmRevoke({ state, token }: { state: TokensState; token: TokenRow }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), [token]);
  const cancel = () => (state.confirming.value = null);
  return (
    <div class="notice notice-warn" role="alertdialog" aria-labelledby="revoke-title" aria-describedby="revoke-body" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <strong id="revoke-title" class="notice-title">{`Revoke “${token.label}” of ${token.holder.email}?`}</strong>
      <p id="revoke-body" class="notice-body">
        {token.mine
          ? 'This is the token this browser is signed in with. Revoking it signs you out of Seatwise here (and ends anything else using it); you will need another token to sign in again.'
          : 'Anything using it (a script, an integration, someone’s browser) is refused from then on. This cannot be undone: issue a new token if it is needed again.'}
      </p>
      {state.revokeFailure.value && <FailureNotice failure={state.revokeFailure.value} />}
      <div class="admin-actions">
        <button type="button" class="btn btn-primary" disabled={state.revoking.value} onClick={() => void state.revoke()}>{state.revoking.value ? 'Revoking…' : token.mine ? 'Revoke and sign out' : 'Revoke token'}</button>
        <button ref={keep} type="button" class="btn" onClick={cancel}>Keep it</button>
      </div>
    </div>
  );
}
