import type { Client } from '@libsql/client';

/**
 * Writes a district of `users` users straight into the database with
 * multi-row INSERTs: benchmarks need 100,000 users in seconds, not the
 * minutes the engine's per-user path (with its audit trail) would take.
 */
export async function writeLargeDistrict(client: Client, users: number, now = new Date()) {
  const iso = now.toISOString();
  const schools = 40;
  await client.execute({ sql: "insert into orgs (id, name, parent_id, products) values ('org_big', 'Big District', null, '[\"elearn\",\"weclimb\"]')", args: [] });
  for (let s = 0; s < schools; s++) {
    await client.execute({ sql: "insert into orgs (id, name, parent_id, products) values (?, ?, 'org_big', '[\"elearn\",\"weclimb\"]')", args: [`org_big_${s}`, `School ${s}`] });
  }
  const end = new Date(now.getTime() + 200 * 86400000).toISOString();
  const start = new Date(now.getTime() - 100 * 86400000).toISOString();
  for (const [id, sku, seats] of [['pool_big_el', 'elearn', users], ['pool_big_wc', 'weclimb', users], ['pool_big_co', 'combined', Math.floor(users / 10)]] as const) {
    await client.execute({ sql: 'insert into pools (id, org_id, sku, seats, starts_at, ends_at, grace_days, overage_pct) values (?, ?, ?, ?, ?, ?, 30, 0)', args: [id, 'org_big', sku, seats, start, end] });
  }
  const chunk = 500;
  for (let i = 0; i < users; i += chunk) {
    const n = Math.min(chunk, users - i);
    const idx = Array.from({ length: n }, (_, k) => i + k);
    const stmts = [
      `insert into users (id, email, first_name, last_name, external_id, status, updated_at) values ${idx.map((j) => `('usr_big_${j}', 'user${j}@big.test', 'First${j}', 'Last${j}', 'BIG-${j}', 'active', '${iso}')`).join(',')}`,
      `insert into user_orgs (user_id, org_id, position) values ${idx.map((j) => `('usr_big_${j}', 'org_big_${j % schools}', 0)`).join(',')}`,
      `insert into user_roles (user_id, role, granted_at) values ${idx.map((j) => `('usr_big_${j}', '${j % 3 === 0 ? 'observer' : 'learner'}', '${iso}')`).join(',')}`,
      `insert into assignments (user_id, product, pool_id, state, since) values ${idx.map((j) => `('usr_big_${j}', '${j % 3 === 0 ? 'weclimb' : 'elearn'}', '${j % 3 === 0 ? 'pool_big_wc' : 'pool_big_el'}', 'active', '${iso}')`).join(',')}`,
      `insert into activity (user_id, product, last_at) values ${idx.filter((j) => j % 5 !== 0).map((j) => `('usr_big_${j}', '${j % 3 === 0 ? 'weclimb' : 'elearn'}', '${new Date(now.getTime() - (j % 90) * 86400000).toISOString()}')`).join(',')}`,
    ];
    await client.batch(stmts, 'write');
  }
  await client.execute('update pools set assigned = (select count(distinct user_id) from assignments where assignments.pool_id = pools.id)');
}
