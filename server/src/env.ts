import { z } from 'zod';
import { DEFAULT_LEASE_MS } from './engine/changes/bulk-jobs.ts';
import { DEFAULT_HOLD_TTL_MS } from './engine/changes/holds.ts';

/** The server's configuration, validated once at start (documented in the README, "Configuration"). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().default('file:data/seatwise.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** Milliseconds added to every database round trip: `pnpm bench` shows with it what a remote libSQL server does to each figure. */
  SEATWISE_DB_LATENCY_MS: z.coerce.number().min(0).default(0),
  ADMIN_TOKEN: z.string().min(12, 'ADMIN_TOKEN must be at least 12 characters').optional(),
  DEMO: z.enum(['0', '1', '']).optional().transform((v) => v === '1'),
  ALERT_WEBHOOK_URL: z.url().optional(),
  /** SMTP server for the scheduled compliance report, e.g. smtp://user:pass@mail.district.org:587 (smtps:// for TLS). */
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional(),
  SMTP_FROM: z.string().default('Seatwise <seatwise@localhost>'),
  /** `1` behind a reverse proxy: throttles key on the last X-Forwarded-For address instead of the proxy's. */
  TRUST_PROXY: z.enum(['0', '1', '']).optional().transform((v) => v === '1'),
  /** How long a bulk job stays with its process after its last progress; tests shorten it. */
  JOB_LEASE_MS: z.coerce.number().int().min(100).default(DEFAULT_LEASE_MS),
  /** How long an Edit User seat hold lasts before the server releases it; tests shorten it. */
  HOLD_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(DEFAULT_HOLD_TTL_MS / 1000),
});

export type ServerEnv = z.infer<typeof envSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
