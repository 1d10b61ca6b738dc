import type { ConnectionState } from '../messaging/protocol.ts';
import { Pill } from './components.tsx';

/** The connection state in words: live, updating by polling, reconnecting, unreachable, token not accepted. */
export function ConnectionPill({ state }: { state: ConnectionState | null }) {
  if (!state || state.status === 'connecting') return <Pill tone="muted">Connecting…</Pill>;
  switch (state.status) {
    case 'online':
      return state.live ? <Pill tone="ok" title="Changes appear as they happen">Live</Pill> : <Pill tone="info" title="Refreshing every few seconds">Online</Pill>;
    case 'unreachable':
      return <Pill tone="warn" title={state.message}>Offline</Pill>;
    case 'revoked':
      return <Pill tone="bad" title={state.message}>Token revoked</Pill>;
    case 'signed_out':
      return <Pill tone="muted">Signed out</Pill>;
  }
}
