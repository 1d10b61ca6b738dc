import type { ComponentChildren } from 'preact';
import type { SessionInfo } from '../messaging/protocol.ts';
import { ConnectionPill } from './connection-pill.tsx';

/** The head of a full extension page (reports, import): icon, title, connection state, then the page's links and who is signed in. */
export function PageHead({ title, session, children }: { title: string; session: SessionInfo | null; children?: ComponentChildren }) {
  const me = session?.me;
  return (
    <header class="reports-head">
      <img src="/icon/48.png" width={28} height={28} alt="" />
      <h1>{title}</h1>
      <ConnectionPill state={session?.state ?? null} />
      <span class="spacer" />
      {children}
      {me && <span class="muted small">{me.user?.email}</span>}
    </header>
  );
}
