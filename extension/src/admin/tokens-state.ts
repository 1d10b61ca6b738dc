import { signal } from '@preact/signals';
import type { Authority } from '@seatwise/shared';
import { toFailure, type Failure } from '../api/failure.ts';
import type { TokenRow } from '../api/types.ts';
import type { Backend } from '../messaging/client.ts';
import { AUTHORITY_LABELS } from '../options/options-state.ts';
import { newIdempotencyKey } from '../overlay/trusted.ts';

/** Authorities an issuer is offered: never above its own (the server refuses those anyway, in words). */
export function issuableAuthorities(issuer: Authority): Authority[] {
  return issuer === 'system_admin' ? ['reporter', 'support', 'org_admin', 'system_admin'] : issuer === 'org_admin' ? ['reporter', 'support', 'org_admin'] : [];
}

/** A token just issued, with whom it is for: shown once, until the admin dismisses it. */
export interface JustIssued {
  token: string;
  holderEmail: string;
  authority: Authority;
  label: string;
}

/**
 * The Tokens tab: the tokens the caller may see, issuing one (found by its
 * holder's email; the secret is shown once), and revoking one after asking.
 */
export function createTokensState(backend: Backend, issuer: Authority) {
  const tokens = signal<TokenRow[] | null>(null);
  const loading = signal(false);
  const failure = signal<Failure | null>(null);

  const email = signal('');
  const authority = signal<Authority>('reporter');
  const label = signal('');
  const issuing = signal(false);
  const issueFailure = signal<Failure | null>(null);
  const issued = signal<JustIssued | null>(null);

  /** The token whose revocation waits for a yes. */
  const confirming = signal<TokenRow | null>(null);
  const revoking = signal(false);
  const revokeFailure = signal<Failure | null>(null);
  /** What the last revocation did, in words. */
  const revokedNote = signal<string | null>(null);

  async function load() {
    loading.value = true;
    try {
      tokens.value = await backend.request('tokens.list', {});
      failure.value = null;
    } catch (error) {
      failure.value = toFailure(error);
    } finally {
      loading.value = false;
    }
  }

  async function issue() {
    const holder = email.value.trim();
    issueFailure.value = null;
    if (!holder) return; // the field is required: the form says so
    issuing.value = true;
    try {
      const found = await backend.request('users.find', { email: holder });
      if (!found) {
        issueFailure.value = { kind: 'api', status: 404, code: 'not_found', message: `No user with the email ${holder} in your organizations.` };
        return;
      }
      const name = label.value.trim() || `${AUTHORITY_LABELS[authority.value]} token`;
      const result = await backend.request('tokens.issue', { userId: found.data.user.id, authority: authority.value, label: name });
      issued.value = { token: result.token, holderEmail: found.data.user.email, authority: result.authority, label: name };
      email.value = '';
      label.value = '';
      await load();
    } catch (error) {
      issueFailure.value = toFailure(error);
    } finally {
      issuing.value = false;
    }
  }

  async function revoke() {
    const token = confirming.value;
    if (!token) return;
    revoking.value = true;
    revokeFailure.value = null;
    try {
      await backend.request('tokens.revoke', { id: token.id, idempotencyKey: newIdempotencyKey() });
      confirming.value = null;
      revokedNote.value = token.mine
        ? 'You revoked the token this browser was signed in with: Seatwise signs you out here. Sign in again with another token in the options.'
        : `Revoked “${token.label}” of ${token.holder.email}: anything using it is refused from now on.`;
      if (!token.mine) await load();
    } catch (error) {
      revokeFailure.value = toFailure(error);
    } finally {
      revoking.value = false;
    }
  }

  return { issuer, tokens, loading, failure, email, authority, label, issuing, issueFailure, issued, confirming, revoking, revokeFailure, revokedNote, load, issue, revoke };
}
export type TokensState = ReturnType<typeof createTokensState>;
