// Rotating the signing key loses nothing: the old session keeps working, new tokens carry the new kid, the account
// is still found by email (pseudonyms do not depend on the signing key); dropping the previous key refuses old tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppress } from '../../functions/domain/email/repository.js';
import { keys as itemKeys } from '../../functions/domain/keys.js';
import { dropPreviousSigningKey, loadKeyring, rotateSigningKeys } from '../../functions/shared/keyring.js';
import { cookieName } from '../../functions/shared/session-token.js';
import * as z from '../../functions/shared/zod.js';
import { accountOf, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => stack?.stop());

const kidOf = (c: { cookies: Map<string, string> }) => c.cookies.get(cookieName('demo'))!.split('.')[0];

describe('signing-key rotation', () => {
  it('keeps old sessions, issues new kids, finds accounts by email; dropping the previous key refuses old tokens', async () => {
    const email = 'hr@northwind.example';
    const before = await stack.signIn(email);
    expect(kidOf(before)).toBe('k1');
    const me = (await before.get('/api/account/me')).body;
    const oldCookie = before.cookies.get(cookieName('demo'))!;

    const keys = stack.keys();
    // A suppressed address (as a bounce records it) and an unsubscribe link from an email sent before the rotation.
    const bounced = 'bounced@example.org';
    await suppress(stack.db('demo'), loadKeyring(keys).pseudonym('email', bounced), 'bounce', new Date());
    const Lookup = z.object({ userId: z.string() }); // HR is a staff account: its own lookup item
    const lookup = await stack
      .db('demo')
      .get(itemKeys.staffEmailLookup(loadKeyring(keys).pseudonym('email', email)), Lookup);
    expect(lookup?.userId).toBeTruthy();
    const unsubscribe = loadKeyring(keys).sign('unsubscribe', { u: lookup!.userId, k: 'reminder' });
    await stack.rotateKeys({ ...keys, signingKeys: rotateSigningKeys(keys.signingKeys, 'k2') });

    const stillIn = (await import('../support/stack.js')).ApiClient;
    const old = new stillIn(stack.tenantUrl('demo'));
    old.cookies.set(cookieName('demo'), oldCookie);
    const oldMe = await old.get('/api/account/me');
    expect(oldMe.status).toBe(200);
    expect(oldMe.body).toEqual(me);

    const rotated = loadKeyring(stack.keys());
    expect(
      await stack
        .db('demo')
        .get(itemKeys.suppression(rotated.pseudonym('email', bounced)), z.object({ pk: z.string() })),
    ).toBeDefined(); // still suppressed
    const form = {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'List-Unsubscribe=One-Click',
    };
    const unsub = await stack
      .client()
      .request('POST', `/api/reminders/unsubscribe?t=${encodeURIComponent(unsubscribe)}`, undefined, form);
    expect(unsub.status).toBe(200); // the old link still works
    expect(unsub.text).toContain('You are unsubscribed');
    // the same account is found by its email under the rotated keyring
    expect(
      (await stack.db('demo').get(itemKeys.staffEmailLookup(rotated.pseudonym('email', email)), Lookup))?.userId,
    ).toBe(lookup!.userId);

    const after = await stack.signIn(email);
    expect(kidOf(after)).toBe('k2');
    expect(accountOf((await after.get('/api/account/me')).body)).toEqual(accountOf(me)); // same account: found by its email pseudonym

    await stack.rotateKeys({ ...stack.keys(), signingKeys: dropPreviousSigningKey(stack.keys().signingKeys) });
    const stale = new stillIn(stack.tenantUrl('demo'));
    stale.cookies.set(cookieName('demo'), oldCookie);
    expect((await stale.get('/api/account/me')).status).toBe(401);
    expect(
      (
        await stack
          .client()
          .request('POST', `/api/reminders/unsubscribe?t=${encodeURIComponent(unsubscribe)}`, undefined, form)
      ).status,
    ).toBe(400);
    expect((await after.get('/api/account/me')).status).toBe(200);
  }, 60_000);
});
