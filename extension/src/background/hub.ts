import type { Browser } from '#imports';
import { isOwnSender, LIVE_PORT, type Push } from '../messaging/protocol.ts';

type Port = Browser.runtime.Port;

/**
 * Every open page and content script's live port; one broadcast reaches them
 * all. `admit` decides, as for requests, which senders may listen (the
 * overlay only on a granted site's admin pages).
 */
export function createHub(ownId: string, greet: () => Push[], admit: (sender: Port['sender']) => Promise<boolean>) {
  const ports = new Set<Port>();
  return {
    async onConnect(port: Port) {
      if (port.name !== LIVE_PORT || !isOwnSender(port.sender, ownId) || !(await admit(port.sender))) return void port.disconnect();
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
