import { emailSchema, type Product } from '@seatwise/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { activity, userOrgs, users } from '../db/schema.ts';
import { mayChangeHomedIn } from '../http/scope.ts';
import { fieldLabel } from './columns.ts';
import { chunked, emptyReport, Issues, type ImportPlan, type PlanInput } from './plan.ts';
import type { RawRow } from './read-rows.ts';
import { ACTIVITY_CLOCK_SKEW_MS } from '../engine/changes/activity.ts';
import { parseAt, parseProducts } from './values.ts';

/** Rows are resolved to users this many at a time: a few queries per batch, memory bounded by the distinct users, not the rows. */
const RESOLVE_BATCH = 5000;

/**
 * Reads login / content-use rows (any order, millions of them) and keeps, per
 * user and product, only the latest: that is all Seatwise records. Rows
 * naming nobody Seatwise knows in the caller's organizations are counted, not
 * errors (an activity export covers more people than any one scope). The
 * plan holds one item per user and product whose last activity moves forward.
 */
export async function planActivity(input: PlanInput): Promise<ImportPlan> {
  const { caller, engine, source } = input;
  const report = emptyReport('activity', input);
  const issues = new Issues();
  const label = (field: string) => fieldLabel('activity', source.columns(), field);
  /** `e:<email>` / `s:<state educator id>` → user id, or null for nobody in scope (or several people). */
  const known = new Map<string, string | null>();
  const latest = new Map<string, string>();
  let pending: { key: string; product: Product; at: string }[] = [];
  /** Raw email → normalized, or null when invalid: a million rows name a few thousand people, each checked once. */
  const emails = new Map<string, string | null>();
  const latestAt = new Date(engine.now().getTime() + ACTIVITY_CLOCK_SKEW_MS).toISOString();

  const flush = async () => {
    const emails = [...new Set(pending.filter((p) => p.key.startsWith('e:') && !known.has(p.key)).map((p) => p.key.slice(2)))];
    const educators = [...new Set(pending.filter((p) => p.key.startsWith('s:') && !known.has(p.key)).map((p) => p.key.slice(2)))];
    for (const [prefix, keys, column] of [['e:', emails, users.email], ['s:', educators, users.stateEducatorId]] as const) {
      for (const part of chunked(keys, 900)) {
        const found = await engine.db
          .select({ id: users.id, email: users.email, stateEducatorId: users.stateEducatorId, home: userOrgs.orgId })
          .from(users)
          .innerJoin(userOrgs, and(eq(userOrgs.userId, users.id), eq(userOrgs.position, 0)))
          .where(inArray(column, part));
        for (const u of found) {
          const key = `${prefix}${prefix === 'e:' ? u.email : u.stateEducatorId}`;
          known.set(key, known.has(key) || !mayChangeHomedIn(caller.tree, caller, u.home) ? null : u.id);
        }
        for (const k of part) if (!known.has(`${prefix}${k}`)) known.set(`${prefix}${k}`, null);
      }
    }
    for (const p of pending) {
      const userId = known.get(p.key);
      if (!userId) {
        report.unknownUsers++;
        continue;
      }
      const k = `${userId}\t${p.product}`;
      const prev = latest.get(k);
      if (!prev || p.at > prev) latest.set(k, p.at);
    }
    pending = [];
  };

  for await (const raw of source.rows) {
    report.rows++;
    const row = validateRow(raw, issues, label, emails, latestAt);
    if (!row) continue;
    pending.push(row);
    if (pending.length >= RESOLVE_BATCH) await flush();
  }
  await flush();

  const items: ImportPlan['items'] = [];
  const entries = [...latest.entries()];
  for (const part of chunked(entries, 900)) {
    const userIds = [...new Set(part.map(([k]) => k.slice(0, k.indexOf('\t'))))];
    const current = new Map((await engine.db.select().from(activity).where(inArray(activity.userId, userIds))).map((a) => [`${a.userId}\t${a.product}`, a.lastAt]));
    for (const [k, at] of part) {
      const was = current.get(k);
      if (was !== undefined && was >= at) {
        report.unchanged++;
        continue;
      }
      if (was === undefined) report.created++;
      else report.updated++;
      const [userId, product] = k.split('\t') as [string, Product];
      items.push({ line: 0, key: userId, data: { product, at } });
    }
  }
  report.invalid = issues.list;
  return { report, items };
}

function validateRow(raw: RawRow, issues: Issues, label: (f: string) => string, emails: Map<string, string | null>, latestAt: string): { key: string; product: Product; at: string } | null {
  const v = raw.values;
  const before = issues.list.length;
  let key = '';
  if (v.email) {
    if (!emails.has(v.email)) {
      const parsed = emailSchema.safeParse(v.email);
      emails.set(v.email, parsed.success ? parsed.data : null);
    }
    const email = emails.get(v.email);
    if (email) key = `e:${email}`;
    else issues.add(raw.line, label('email'), `"${v.email}" is not an email address`);
  } else if (v.stateEducatorId) key = `s:${v.stateEducatorId}`;
  else issues.add(raw.line, label(v.email === undefined ? 'stateEducatorId' : 'email'), 'required: an email or a state educator id');
  const products = parseProducts(v.product);
  if (!products.ok) issues.add(raw.line, label('product'), products.reason);
  else if (products.value.length !== 1) issues.add(raw.line, label('product'), products.value.length ? 'one product per row' : 'required');
  const at = parseAt(v.at);
  if (!at.ok) issues.add(raw.line, label('at'), at.reason);
  // The same rule as POST /activity: nothing from the future beyond a small clock skew.
  else if (at.value > latestAt) issues.add(raw.line, label('at'), `is in the future (after ${latestAt})`);
  if (issues.list.length > before) return null;
  return { key, product: (products as { value: Product[] }).value[0]!, at: (at as { value: string }).value };
}
