import { signal, type ReadonlySignal } from '@preact/signals';
import type { Backend } from '../messaging/client.ts';
import type { ConnectionState } from '../messaging/protocol.ts';

export interface OverlayStatus {
  /** The background's connection to Seatwise, as it last said (null until it has). */
  connection: ReadonlySignal<ConnectionState | null>;
  /** Platform changes waiting in the outbox to reach Seatwise. */
  outboxWaiting: ReadonlySignal<number>;
}

/**
 * What every overlay on the page shows about Seatwise itself, followed for
 * the content script's whole life (the background greets each new
 * connection with both, so a restarted worker re-tells them).
 */
export function createOverlayStatus(backend: Backend, signalOf: AbortSignal, initial: ConnectionState | null): OverlayStatus {
  const connection = signal<ConnectionState | null>(initial);
  const outboxWaiting = signal(0);
  const unsubscribe = backend.subscribe((push) => {
    if (push.type === 'connection') connection.value = push.state;
    else if (push.type === 'outbox') outboxWaiting.value = push.waiting;
  });
  signalOf.addEventListener('abort', unsubscribe, { once: true });
  void backend.request('outbox.get', {}).then((o) => (outboxWaiting.value = o.waiting), () => undefined);
  return { connection, outboxWaiting };
}

/** Live only while the stream really is connected. */
export const isLive = (state: ConnectionState | null) => state?.status === 'online' && state.live;
