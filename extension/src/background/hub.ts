import type { Browser } from '#imports';
import { isOwnSender, LIVE_PORT, type Push } from '../messaging/protocol.ts';

type Port = Browser.runtime.Port;

/** Every open page and content script's live port; one broadcast reaches them all. */
export function createHub(ownId: string, greet: () => Push[]) {
  const ports = new Set<Port>();
  return {
    onConnect(port: Port) {
      if (port.name !== LIVE_PORT || !isOwnSender(port.sender, ownId)) return void port.disconnect();
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      for (const push of greet()) port.postMessage(push);
    },
    broadcast(push: Push) {
      for (const port of ports) {
        try {
          port.postMessage(push);
        } catch {
          ports.delete(port);
        }
      }
    },
    get size() {
      return ports.size;
    },
  };
}
export type Hub = ReturnType<typeof createHub>;
