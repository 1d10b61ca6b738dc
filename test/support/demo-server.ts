import { api, startServerProcess, tempDbUrl, type ServerProcess } from '../server/server-process.ts';

export const DEMO = {
  systemAdmin: 'sw_demo_system_admin',
  orgAdmin: 'sw_demo_org_admin',
  reporter: 'sw_demo_reporter',
  support: 'sw_demo_support',
} as const;

export interface DemoServer extends ServerProcess {
  /** The database it runs on (a restart or a second process uses the same). */
  databaseUrl: string;
  /** Stops it and starts it again on the same port and database (the browser's server URL stays right). */
  restart(): Promise<void>;
  /** JSON over HTTP as `token` (defaults to the demo system administrator). */
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  /** Raw text (e.g. CSV). */
  text(path: string, token?: string): Promise<string>;
}

/** The real server as a child process, DEMO=1 on a fresh temporary database and a free port; `env` adds configuration (e.g. a short HOLD_TTL_SECONDS). */
export async function startDemoServer({ databaseUrl = tempDbUrl(), port, env = {} }: { databaseUrl?: string; port?: number; env?: Record<string, string> } = {}): Promise<DemoServer> {
  let server = await startServerProcess({ DEMO: '1', DATABASE_URL: databaseUrl, ...env }, { port });
  return {
    url: server.url,
    port: server.port,
    databaseUrl,
    get child() {
      return server.child;
    },
    output: () => server.output(),
    stop: () => server.stop(),
    kill9: () => server.kill9(),
    async restart() {
      await server.stop();
      server = await startServerProcess({ DEMO: '1', DATABASE_URL: databaseUrl }, { port: server.port });
    },
    api: (method, path, body, token = DEMO.systemAdmin) => api(server.url, token, method, path, body),
    async text(path, token = DEMO.systemAdmin) {
      const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      return res.text();
    },
  };
}
