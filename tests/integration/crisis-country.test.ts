// Crisis resources by country through the local API server and DynamoDB Local: the organisation's country is the
// default, a person's own choice overrides it (PHQ-9 crisis panel included), it is theirs alone (export, deletion,
// no staff access), and a bad country is a 422 naming the field.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keys } from '../../functions/domain/keys.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let inviteToken: string;

// The organisation is in Finland: nothing here is the built-in GB default.
beforeAll(async () => {
  stack = await startTestStack({ tenants: [demoTenant({ country: 'FI' })] });
  const hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
});
afterAll(async () => stack?.stop());

const contacts = (list: { contact: string }[]) => list.map((r) => r.contact);
const FI = ['112', '09 2525 0111', '09 2525 0112', '09 2525 0113', '116 117'];
const SE = ['112', '1177', '90101', '08-702 16 80'];
const NO = ['113', '116 117', '116 123', '22 40 00 40'];

const join = (email: string): Promise<ApiClient> => stack.signIn(email, { inviteToken });

async function userIdOf(email: string): Promise<string> {
  const profile = (await rawTable(stack.db('demo')).scan()).find((i) => i.sk === 'PROFILE' && i.email === email);
  if (!profile) throw new Error(`no profile for ${email}`);
  return String(profile.userId);
}

describe('the organisation default', () => {
  it("org info gives the tenant's country and list first, and every country's list, the same for everyone", async () => {
    const anonymous = await stack.client().get('/api/account/org');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.country).toBe('FI');
    expect(contacts(anonymous.body.crisisResources)).toEqual(FI);
    expect(anonymous.body.crisisCountries.map((c: { code: string }) => c.code)).toEqual(['FI', 'GB', 'IE', 'SE', 'NO']);
    const se = anonymous.body.crisisCountries.find((c: { code: string }) => c.code === 'SE');
    expect(se.name).toBe('Sweden');
    expect(contacts(se.resources)).toEqual(SE);

    // A person who chose another country changes nothing in what anyone is told about the organisation.
    const chooser = await join('org.info.chooser@example.org');
    expect((await chooser.put('/api/account/country', { country: 'NO' })).status).toBe(200);
    expect((await chooser.get('/api/account/org')).text).toBe(anonymous.text);
    expect((await stack.client().get('/api/account/org')).text).toBe(anonymous.text);
  });

  it("a new employee gets the organisation's country until they choose", async () => {
    const c = await join('new.here@example.org');
    const res = await c.get('/api/account/country');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ country: 'FI', chosen: false, organisationCountry: 'FI' });
    expect(contacts(res.body.crisisResources)).toEqual(FI);
  });
});

describe("the person's own country", () => {
  it('is saved idempotently, read back, used by the PHQ-9 crisis panel, and cleared back to the default', async () => {
    const c = await join('moved.to.sweden@example.org');
    const first = await c.put('/api/account/country', { country: 'SE' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ country: 'SE', chosen: true, organisationCountry: 'FI' });
    expect(contacts(first.body.crisisResources)).toEqual(SE);
    const again = await c.put('/api/account/country', { country: 'SE' });
    expect(again.body).toEqual(first.body);
    expect((await c.get('/api/account/country')).body).toEqual(first.body);

    const phq = await c.post('/api/programme/questionnaires/phq9/responses', {
      responseId: 'resp-crisis-se',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 2],
    });
    expect(phq.status).toBe(200);
    expect(phq.body.safety.show).toBe(true);
    expect(contacts(phq.body.safety.crisisResources)).toEqual(SE);

    const cleared = await c.put('/api/account/country', { country: null });
    expect(cleared.body).toMatchObject({ country: 'FI', chosen: false });
    const phq2 = await c.post('/api/programme/questionnaires/phq9/responses', {
      responseId: 'resp-crisis-fi',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 1],
    });
    expect(contacts(phq2.body.safety.crisisResources)).toEqual(FI);
    const userId = await userIdOf('moved.to.sweden@example.org');
    expect(await stack.db('demo').get(keys.userCountry(userId), z.any())).toBeUndefined();
  });

  it.each([
    [{ country: 'DE' }, 'body.country', 'must be an ISO 3166-1 alpha-2 code with crisis resources: GB, IE, FI, SE, NO'],
    [{ country: 'se' }, 'body.country', 'must be an ISO 3166-1 alpha-2 code with crisis resources: GB, IE, FI, SE, NO'],
    [{ country: 46 }, 'body.country', 'must be an ISO 3166-1 alpha-2 code with crisis resources: GB, IE, FI, SE, NO'],
    [{}, 'body.country', 'body.country'],
    // Unknown keys are reported on the body, by name (as for every route)
    [{ country: 'SE', extra: 1 }, 'body', 'extra'],
  ])('refuses %j with a 422 naming %s, and saves nothing', async (body, field, message) => {
    const c = await join('typo.country@example.org');
    const res = await c.put('/api/account/country', body);
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.body.error.message).toContain(message);
    expect((await c.get('/api/account/country')).body).toMatchObject({ country: 'FI', chosen: false });
  });

  it('is for employees only: staff and signed-out requests cannot read or set it', async () => {
    const hr = await stack.signIn('hr@northwind.example');
    expect((await hr.get('/api/account/country')).status).toBe(403);
    expect((await hr.put('/api/account/country', { country: 'SE' })).status).toBe(403);
    expect((await stack.client().get('/api/account/country')).status).toBe(401);
    expect((await stack.client().put('/api/account/country', { country: 'SE' })).status).toBe(401);
  });

  it('is in the data export and gone with the account', async () => {
    const email = 'norway.then.gone@example.org';
    const c = await join(email);
    await c.put('/api/account/country', { country: 'NO' });
    const userId = await userIdOf(email);

    const exported = await c.get('/api/my-data/export');
    expect(exported.status).toBe(200);
    const preferences = exported.body.sections.find((s: { id: string }) => s.id === 'preferences');
    expect(preferences.records).toContainEqual(
      expect.objectContaining({ type: 'Country for crisis resources', country: 'NO' }),
    );
    expect(contacts((await c.get('/api/account/country')).body.crisisResources)).toEqual(NO);

    expect((await c.post('/api/my-data/delete-account', { confirm: true })).status).toBe(200);
    expect(await stack.db('demo').get(keys.userCountry(userId), z.any())).toBeUndefined();
    // The old session is gone, so nothing can write the item back.
    expect((await c.put('/api/account/country', { country: 'NO' })).status).toBe(401);
    expect(await stack.db('demo').get(keys.userCountry(userId), z.any())).toBeUndefined();
  });
});
