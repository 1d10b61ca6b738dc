import { describe, expect, it } from 'vitest';
import { useFixture } from '../testing/test-server.ts';
import { ok, refused } from '../testing/typed-client.ts';

describe('API tokens through HTTP: list, issue, revoke', () => {
  const fx = useFixture({
    users: [
      { email: 'teacher@s1.test', orgIds: ['s1'], firstName: 'Tess', lastName: 'Teacher' },
      { email: 'far@s3.test', orgIds: ['s3'], firstName: 'Far', lastName: 'Away' },
      { email: 'shared@s3.test', orgIds: ['s3', 's1'], firstName: 'Sha', lastName: 'Red' },
    ],
  });
  const tokens = (token: string) => fx.server.api(token).tokens;
  const listed = async (token: string) => (await ok(tokens(token).$get())).tokens;
  const holders = async (token: string) => (await listed(token)).map((t) => t.holder.email).sort();

  it('lists only tokens of users the caller may see, never a secret, each marked mine and revocable as the server decides', async () => {
    for (const email of ['teacher@s1.test', 'far@s3.test', 'shared@s3.test']) {
      await ok(tokens(fx.tokens.sys).$post({ json: { userId: fx.ids[email]!, authority: 'reporter', label: `for ${email}` } }), 201);
    }
    const all = await listed(fx.tokens.sys);
    expect(all.map((t) => t.holder.email)).toEqual(expect.arrayContaining(['far@s3.test', 'otheradmin@staff.test', 'teacher@s1.test']));
    expect(all.every((t) => t.revocable)).toBe(true);
    expect(all.filter((t) => t.mine).map((t) => t.holder.email)).toEqual(['sys@staff.test']);
    expect(all.find((t) => t.holder.email === 'teacher@s1.test')).toMatchObject({ label: 'for teacher@s1.test', authority: 'reporter', holder: { name: 'Tess Teacher' } });
    // Neither a plain token nor its hash is ever listed.
    const text = JSON.stringify(all);
    for (const secret of Object.values(fx.tokens)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/hash/i);

    // A school's administrator: its own token, its school's users and a user shared into it; not the district's staff, not the other district.
    expect(await holders(fx.tokens.orgAdminS1)).toEqual(['orgadmins1@staff.test', 'shared@s3.test', 'teacher@s1.test']);
    const school = await listed(fx.tokens.orgAdminS1);
    expect(school.filter((t) => t.revocable).map((t) => t.holder.email)).toEqual(['orgadmins1@staff.test']);
    // The district's administrator sees its district, not the other one's.
    const district = await holders(fx.tokens.orgAdmin);
    expect(district).toContain('sys@staff.test');
    expect(district).not.toContain('far@s3.test');
    expect(district).not.toContain('otheradmin@staff.test');
    // Readers list nothing.
    expect((await refused(tokens(fx.tokens.reporter).$get(), 403)).message).toContain('can read but not change');
  });

  it('issues a token that works until it is revoked, and refuses issuing above the issuer or outside its scope in words', async () => {
    const issued = await ok(tokens(fx.tokens.orgAdmin).$post({ json: { userId: fx.ids['teacher@s1.test']!, authority: 'reporter', label: 'Grades export' } }), 201);
    expect(issued.token).toMatch(/^sw_/);
    expect(await ok(fx.server.api(issued.token).me.$get())).toMatchObject({ authority: 'reporter', user: { email: 'teacher@s1.test' } });

    expect((await refused(tokens(fx.tokens.orgAdmin).$post({ json: { userId: fx.ids['teacher@s1.test']!, authority: 'system_admin' } }), 403)).message).toContain('cannot issue system_admin tokens');
    expect((await refused(tokens(fx.tokens.orgAdmin).$post({ json: { userId: fx.ids['far@s3.test']!, authority: 'reporter' } }), 404)).message).toContain('not found');

    // The org admin sees the token but may not revoke another user's: the district's administrator can.
    const row = (await listed(fx.tokens.orgAdmin)).find((t) => t.id === issued.id);
    expect(row).toMatchObject({ revocable: false, mine: false, label: 'Grades export' });
    await refused(tokens(fx.tokens.orgAdmin)[':id'].$delete({ param: { id: issued.id } }), 404);
    const revoked = await tokens(fx.tokens.sys)[':id'].$delete({ param: { id: issued.id } });
    expect(revoked.status).toBe(204);
    expect((await listed(fx.tokens.sys)).some((t) => t.id === issued.id)).toBe(false);
    expect((await fx.server.api(issued.token).me.$get()).status).toBe(401);
  });
});
