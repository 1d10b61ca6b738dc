import { toFailure, type Failure } from '../api/failure.ts';
import { describeIssues, REQUEST_POLICY, senderKind, type Sender } from '../background/request-policy.ts';
import { isOwnSender, isRequest, type Payload, type Reply, type ReplyData, type RequestType } from './protocol.ts';

export type SenderInfo = Sender;

export type Handlers = { [K in RequestType]: (payload: Payload<K>, sender: SenderInfo) => Promise<ReplyData<K>> };

export interface RouterOptions {
  ownId: string;
  /** `chrome-extension://<id>` (or `moz-extension://<uuid>`): where our own pages live. */
  extensionOrigin: string;
  /** Whether a tab's URL is a granted site on one of the admin pages' paths (only there may the overlay ask anything). */
  overlayAllowed(url: string): Promise<boolean>;
}

const refused = (message: string): Failure => ({ kind: 'api', status: 403, code: 'sender_not_allowed', message });
const invalid = (message: string): Failure => ({ kind: 'api', status: 400, code: 'invalid_request', message });

/**
 * The background's `runtime.onMessage` listener: answers our own requests
 * through `sendResponse` (what every browser supports), ignores anything else
 * — other extensions, web pages, malformed messages — by not answering. A
 * request is handled only if its sender kind may send it (REQUEST_POLICY), an
 * overlay's tab is on a granted site's admin pages, and the payload parses.
 */
export function createRouter(handlers: Handlers, options: RouterOptions) {
  async function answer(type: RequestType, payload: unknown, sender: SenderInfo): Promise<Reply> {
    const policy = REQUEST_POLICY[type];
    const kind = senderKind(sender, options.extensionOrigin);
    if (!kind || !(policy.from as readonly string[]).includes(kind)) return { ok: false, failure: refused(`${type} may not be sent from ${kind === 'overlay' ? 'a host page' : 'there'}.`) };
    if (kind === 'overlay' && !(await options.overlayAllowed(sender.url!))) return { ok: false, failure: refused(`Seatwise does not run on ${new URL(sender.url!).origin}${new URL(sender.url!).pathname}.`) };
    const parsed = policy.payload.safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, failure: invalid(describeIssues(type, parsed.error)) };
    const handler = handlers[type] as (payload: unknown, sender: SenderInfo) => Promise<unknown>;
    try {
      return { ok: true, data: await handler(parsed.data, sender) } as Reply;
    } catch (error) {
      return { ok: false, failure: toFailure(error) };
    }
  }

  return function onMessage(message: unknown, sender: SenderInfo, sendResponse: (reply: Reply) => void): boolean {
    if (!isOwnSender(sender, options.ownId) || !isRequest(message)) return false;
    if (!Object.hasOwn(REQUEST_POLICY, message.type)) {
      sendResponse({ ok: false, failure: { kind: 'internal', message: `unknown request ${message.type}` } });
      return false;
    }
    void answer(message.type, message.payload, sender).then(sendResponse);
    return true; // the answer comes asynchronously
  };
}
