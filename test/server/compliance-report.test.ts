import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../server/src/bootstrap.ts';
import { writeReportSettings } from '../../server/src/compliance-reports/settings.ts';
import { openDatabase } from '../../server/src/db/client.ts';
import { systemClock } from '../../server/src/engine/policy/clock.ts';
import { Engine } from '../../server/src/engine/engine.ts';
import { api, freePort, startServerProcess, tempDbUrl, type ServerProcess } from './server-process.ts';

/**
 * The scheduled compliance report with two server processes on one database
 * and a real SMTP server (smtp-server, in this process): both processes find
 * the period due at the same moment, and the district gets exactly one email.
 */
const ADMIN = 'compliance-report-admin-token';

interface Mail { from: string; to: string[]; raw: string }

describe('the scheduled compliance report', () => {
  const mails: Mail[] = [];
  let smtp: SMTPServer;
  let processes: ServerProcess[] = [];

  beforeAll(async () => {
    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (raw += chunk));
        stream.on('end', () => {
          mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

    // The district's settings exist before either process starts, as they would in production.
    const dbUrl = tempDbUrl();
    const database = await openDatabase(dbUrl);
    const engine = new Engine(database.db, systemClock);
    await bootstrapAdmin(engine, ADMIN, false);
    await engine.change(null, (ctx) => writeReportSettings(ctx, { every: 'daily', recipients: ['office@lakeview.test', 'auditor@lakeview.test'] }));
    database.close();

    const env = { DATABASE_URL: dbUrl, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, SMTP_FROM: 'Seatwise <seatwise@lakeview.test>' };
    processes = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('is produced and emailed exactly once for the period, with its CSV attached', async () => {
    await expect.poll(() => mails.length, { timeout: 60_000 }).toBeGreaterThan(0);
    // Give the other process every chance to send a second one: both poll the outbox every second.
    await new Promise((r) => setTimeout(r, 4000));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const period = new Date().toISOString().slice(0, 10);
    expect(mail!.from).toBe('seatwise@lakeview.test');
    expect(mail!.to.sort()).toEqual(['auditor@lakeview.test', 'office@lakeview.test']);
    expect(mail!.raw).toContain(`Subject: Seatwise compliance report ${period}`);
    expect(mail!.raw).toContain(`filename=seatwise-compliance-${period}.csv`);

    const listed = await api(processes[1]!.url, ADMIN, 'GET', '/compliance-reports');
    expect(listed.status).toBe(200);
    expect(listed.body.reports).toHaveLength(1);
    expect(listed.body.reports[0]).toMatchObject({ period, deliveries: [{ channel: 'email', status: 'delivered', attempts: 1 }] });
    const html = await fetch(`${processes[0]!.url}/api/v1/compliance-reports/${listed.body.reports[0].id}/html`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('Seatwise compliance report');
  });
});
