import { browser } from '#imports';
import type { ComponentChildren } from 'preact';
import type { Failure } from '../api/failure.ts';
import type { Me } from '../api/types.ts';
import type { SessionInfo } from '../messaging/protocol.ts';
import { FailureNotice, Spinner } from './components.tsx';

const openOptions = () => void browser.runtime.openOptionsPage();
const optionsButton = <button type="button" class="btn btn-small" onClick={openOptions}>Open options</button>;

/**
 * What a full extension page shows before its body: connecting, signed out,
 * the server unreachable or the token refused, or a caller whose authority
 * the page is not for (`denied`) — each in words with the step to take.
 */
export function SessionGate({ session, failure, allowed, denied, signInFor, children }: {
  session: SessionInfo | null;
  /** A failure before the session was read (the background did not answer). */
  failure: Failure | null;
  allowed: boolean;
  /** Title and sentence for a signed-in caller the page is not for. */
  denied: (me: Me) => { title: string; body: string };
  /** "Sign in to your Seatwise server with an API token to …" */
  signInFor: string;
  children: ComponentChildren;
}) {
  if (!session) return failure ? <FailureNotice failure={failure} /> : <div class="loading-block"><Spinner label="Loading" /> <span class="muted">Connecting to Seatwise…</span></div>;
  const { state: connection, me } = session;
  if (!me && (connection.status === 'unreachable' || connection.status === 'revoked')) {
    return <FailureNotice failure={connection.status === 'unreachable' ? { kind: 'unreachable', message: connection.message, serverUrl: connection.serverUrl } : { kind: 'revoked', message: connection.message }} action={optionsButton} />;
  }
  if (!me) {
    return (
      <div class="notice notice-warn" role="alert">
        <strong class="notice-title">Not signed in</strong>
        <p class="notice-body">Sign in to your Seatwise server with an API token to {signInFor}.</p>
        <div class="notice-action">{optionsButton}</div>
      </div>
    );
  }
  if (!allowed) {
    const { title, body } = denied(me);
    return (
      <div class="notice notice-warn" role="alert">
        <strong class="notice-title">{title}</strong>
        <p class="notice-body">{body}</p>
      </div>
    );
  }
  return <>{children}</>;
}

/** "a system administrator's", "an organization administrator's"… for the denied sentences. */
export const authorityWords = (authority: Me['authority']) =>
  ({ system_admin: 'a system administrator', org_admin: 'an organization administrator', reporter: 'a reporter', support: 'a support agent' })[authority];
