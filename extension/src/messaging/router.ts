import { toFailure } from '../api/failure.ts';
import { isOwnSender, isRequest, type Payload, type Reply, type ReplyData, type RequestType } from './protocol.ts';

export interface SenderInfo {
  id?: string;
  tab?: { id?: number };
  url?: string;
}

export type Handlers = { [K in RequestType]: (payload: Payload<K>, sender: SenderInfo) => Promise<ReplyData<K>> };

/**
 * The background's `runtime.onMessage` listener: answers our own requests
 * through `sendResponse` (what every browser supports), ignores anything else
 * — other extensions, web pages, malformed messages — by not answering.
 */
export function createRouter(handlers: Handlers, ownId: string) {
  return function onMessage(message: unknown, sender: SenderInfo, sendResponse: (reply: Reply) => void): boolean {
    if (!isOwnSender(sender, ownId) || !isRequest(message)) return false;
    const handler = handlers[message.type] as ((payload: unknown, sender: SenderInfo) => Promise<unknown>) | undefined;
    if (!handler) {
      sendResponse({ ok: false, failure: { kind: 'internal', message: `unknown request ${message.type}` } });
      return false;
    }
    handler(message.payload, sender).then(
      (data) => sendResponse({ ok: true, data } as Reply),
      (error: unknown) => sendResponse({ ok: false, failure: toFailure(error) }),
    );
    return true; // the answer comes asynchronously
  };
}
