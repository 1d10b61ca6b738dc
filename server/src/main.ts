import { createApp } from './app.ts';
import { startBackground } from './background/index.ts';
import { bootstrapAdmin } from './bootstrap.ts';
import { openDatabase } from './db/client.ts';
import { DEMO_TOKENS, seedDemo } from './demo/seed.ts';
import { demoHostRoutes } from './demo-host/index.ts';
import { systemClock } from './engine/policy/clock.ts';
import { Engine } from './engine/engine.ts';
import { readEnv } from './env.ts';
import { listen } from './http/listen.ts';
import { JobRunner } from './jobs/job-runner.ts';

/** `pnpm serve`: migrations on start, then listen; DEMO=1 adds the demo district and the stand-in host pages. */
async function main() {
  const env = readEnv();
  const database = await openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN, { latencyMs: env.SEATWISE_DB_LATENCY_MS });
  const engine = new Engine(database.db, systemClock);
  if (env.DEMO) {
    const started = Date.now();
    const { seeded } = await seedDemo(engine);
    if (seeded) console.log(`[seatwise] demo district seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (env.ADMIN_TOKEN) await bootstrapAdmin(engine, env.ADMIN_TOKEN, env.DEMO);
  const jobRunner = new JobRunner(engine, { leaseMs: env.JOB_LEASE_MS });
  jobRunner.start();
  const holdTtlMs = env.HOLD_TTL_SECONDS * 1000;
  const background = startBackground(engine, { webhookUrl: env.ALERT_WEBHOOK_URL, smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined, holdTtlMs });
  const app = createApp({ database, engine, jobRunner, holdTtlMs, alertWebhookUrl: env.ALERT_WEBHOOK_URL }, { mount: env.DEMO ? (a) => a.route('/demo', demoHostRoutes()) : undefined, trustProxy: env.TRUST_PROXY });

  const { server, port } = await listen(app.fetch, env.PORT, env.HOST);
  const url = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`;
  console.log(`[seatwise] listening on ${url}  (database ${env.DATABASE_URL})`);
  if (env.DEMO) {
    console.log(`[seatwise] stand-in admin pages: ${url}/demo/`);
    console.log('[seatwise] demo API tokens:');
    for (const [authority, { token }] of Object.entries(DEMO_TOKENS)) console.log(`    ${authority.padEnd(13)} ${token}`);
  }
  console.log('[seatwise] ready');

  const shutdown = async () => {
    await jobRunner.stop();
    await background.stop();
    server.close();
    database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(`[seatwise] failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
