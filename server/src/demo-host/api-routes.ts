import { ROLE_LABELS, ROLES, SKU_LABELS } from '@seatwise/shared';
import { Hono, type Context } from 'hono';
import { HostError, invalid } from './errors.ts';
import { bulkAction, claimsQuery, parseOrThrow, userForm, userListQuery } from './schemas.ts';
import { usersCsv } from './export.ts';
import type { HostStore } from './store.ts';
import { TIME_ZONES } from './types.ts';

/** Query parameters with empty values dropped, as the host's own selects send "" for "All". */
function queryOf(c: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw invalid([{ path: 'body', message: 'Body must be JSON' }]);
  }
}

/** The host's own JSON endpoints, under /demo/api. */
export function hostApiRoutes(store: HostStore) {
  return new Hono()
    .get('/meta', (c) =>
      c.json({
        roles: ROLES.map((id) => ({ id, label: ROLE_LABELS[id] })),
        timeZones: Object.entries(TIME_ZONES).map(([id, label]) => ({ id, label })),
        products: Object.entries(SKU_LABELS).map(([id, label]) => ({ id, label })),
      }),
    )
    .get('/orgs', (c) => c.json({ orgs: store.orgs() }))
    .get('/users', (c) => {
      const { items, ...page } = store.listUsers(parseOrThrow(userListQuery, queryOf(c)));
      return c.json({ users: items, ...page });
    })
    .get('/users/export.csv', (c) =>
      c.body(usersCsv(store.allUsers()), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="users.csv"' }),
    )
    .post('/users/bulk', async (c) => c.json(store.bulk(parseOrThrow(bulkAction, await jsonBody(c)))))
    .get('/users/:id', (c) => c.json({ user: store.getUser(c.req.param('id')) }))
    .post('/users/:id', async (c) => {
      const id = c.req.param('id');
      store.getUser(id); // 404 before 400: an unknown user is the bigger problem
      return c.json({ user: store.saveUser(id, parseOrThrow(userForm, await jsonBody(c))) });
    })
    .post('/users/:id/invitation', (c) => {
      const user = store.getUser(c.req.param('id'));
      return c.json({ sentTo: user.email });
    })
    .get('/licenses', (c) => c.json({ products: store.licenseCards(), asOf: store.licensesAsOf }))
    .get('/claims', (c) => {
      const { items, ...page } = store.listClaims(parseOrThrow(claimsQuery, queryOf(c)));
      const claims = items.map(({ user, ...claim }) => ({
        ...claim,
        userName: user ? `${user.firstName} ${user.lastName}` : claim.userId,
        email: user?.email ?? '',
      }));
      return c.json({ claims, ...page });
    })
    .get('/observations', (c) =>
      c.json({
        observations: store.observations().map(({ observer, teacher, ...row }) => ({
          ...row,
          observerName: `${observer.firstName} ${observer.lastName}`,
          teacherName: `${teacher.firstName} ${teacher.lastName}`,
        })),
      }),
    )
    .all('*', () => {
      throw new HostError(404, 'not_found', 'No such endpoint');
    });
}
