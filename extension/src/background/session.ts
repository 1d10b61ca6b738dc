import { FailureError, notSignedIn, type Failure } from '../api/failure.ts';
import type { Me } from '../api/types.ts';
import type { ConnectionState, SessionInfo } from '../messaging/protocol.ts';
import { serverUrlItem } from '../storage/items.ts';
import { createApiClient, type ApiClient } from './api-client.ts';
import { normaliseServerUrl } from './server-url.ts';
import { readToken, writeToken } from './token-store.ts';

export interface SessionDeps {
  onState: (state: ConnectionState) => void;
  onCredentialsChanged: () => void;
  fetch?: typeof fetch;
}

/**
 * The signed-in session: credentials from storage, the one API client made
 * from them, and the connection state every page shows.
 */
export function createSession({ onState, onCredentialsChanged, fetch: fetchImpl }: SessionDeps) {
  let client: ApiClient | null = null;
  let loaded: Promise<void> | null = null;
  let serverUrl = '';
  let state: ConnectionState = { status: 'signed_out' };

  async function load() {
    const [url, token] = await Promise.all([serverUrlItem.getValue(), readToken()]);
    serverUrl = url;
    client = token ? createApiClient({ serverUrl: url, token }, fetchImpl) : null;
    setState(client ? (state.status === 'signed_out' ? { status: 'connecting' } : state) : { status: 'signed_out' });
  }

  function setState(next: ConnectionState) {
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    onState(state);
  }

  /** Feeds the outcome of every server call into the connection state. */
  function observe(failure: Failure | null) {
    if (!failure) {
      if (state.status !== 'online') setState({ status: 'online', live: false });
    } else if (failure.kind === 'unreachable') setState({ status: 'unreachable', serverUrl: failure.serverUrl, message: failure.message, retryAt: null });
    else if (failure.kind === 'revoked') setState({ status: 'revoked', message: failure.message });
  }

  return {
    ready: () => (loaded ??= load()),
    reload: () => (loaded = load()),
    get state() {
      return state;
    },
    setState,
    observe,
    get serverUrl() {
      return serverUrl;
    },
    /** The API client, or a "not signed in" failure. */
    async api(): Promise<ApiClient> {
      await (loaded ??= load());
      if (!client) throw new FailureError(notSignedIn());
      return client;
    },
    /** Checks the token against `GET /me` before storing anything. */
    async signIn(url: string, token: string): Promise<Me> {
      let base: string;
      try {
        base = normaliseServerUrl(url);
      } catch (error) {
        const why = error instanceof TypeError ? `"${url}" is not a server URL.` : (error as Error).message;
        throw new FailureError({ kind: 'api', status: 0, code: 'invalid_url', message: why });
      }
      const candidate = createApiClient({ serverUrl: base, token: token.trim() }, fetchImpl);
      const me = await candidate.json(() => candidate.client.api.v1.me.$get(), { retry: false });
      await Promise.all([serverUrlItem.setValue(base), writeToken(token.trim())]);
      await load();
      setState({ status: 'connecting' });
      onCredentialsChanged();
      return me as Me;
    },
    async signOut() {
      await writeToken(null);
      await load();
      onCredentialsChanged();
    },
    info(me: Me | null): SessionInfo {
      return { serverUrl, state, me };
    },
  };
}
export type Session = ReturnType<typeof createSession>;
