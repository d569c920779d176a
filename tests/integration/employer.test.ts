// The employer console against the real local stack: launch kit, permission statements, departments, managers and
// endorsements (through the email engine into the local SES inbox), with the bad-input cases of issue 6.

import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/domain/keys.js';
import { month } from '../../functions/domain/stats/counters.js';
import type { StoredEmail } from '../../scripts/local/ses.js';
import { type ApiClient, demoTenant, startTestStack, type TestStack } from '../support/stack.js';
import { rawTable } from '../support/table.js';

let stack: TestStack;
let hr: ApiClient;
let manager: ApiClient;
let employee: ApiClient;
let inviteToken: string;

type MailWithHeaders = StoredEmail & { headers?: { name: string; value: string }[] };

/** The engine may send through a queue: wait (bounded) until `n` emails reached `to`. */
async function waitForMail(to: string, n = 1): Promise<MailWithHeaders[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mails = (await stack.inbox(to)) as MailWithHeaders[];
    if (mails.length >= n || Date.now() > deadline) return mails;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const counter = async (period: string, metric: string, dept = '_all') => {
  return rawTable(stack.db('demo')).number(keys.counter(period, metric, dept));
};

beforeAll(async () => {
  stack = await startTestStack({
    tenants: [
      demoTenant(),
      demoTenant({ slug: 'acme', name: 'Acme Engineering', adminEmails: ['people@acme.example'] }),
    ],
  });
  hr = await stack.signIn('hr@northwind.example');
  inviteToken = (await hr.get('/api/account/invite-link')).body.token;
  manager = await stack.signIn('manager@northwind.example');
  employee = await stack.signIn('pat.employee@example.org', { inviteToken });
});
afterAll(async () => stack?.stop());

describe('who may use which route', () => {
  it('HR routes refuse employees and managers (403) and anonymous callers (401)', async () => {
    for (const path of [
      '/api/employer/launch-kit',
      '/api/employer/departments',
      '/api/employer/permission-statements',
      '/api/employer/managers',
    ]) {
      expect((await employee.get(path)).status, path).toBe(403);
      expect((await manager.get(path)).status, path).toBe(403);
      expect((await stack.client().get(path)).status, path).toBe(401);
    }
  });
  it('the endorsement composer is for line managers only', async () => {
    expect((await hr.get('/api/employer/endorsements')).status).toBe(403);
    expect((await employee.get('/api/employer/endorsements')).status).toBe(403);
    expect((await manager.get('/api/employer/endorsements')).status).toBe(200);
  });
});

describe('launch kit', () => {
  it('fills the organisation name, invite link and current statement into the announcement and intranet texts', async () => {
    const res = await hr.get('/api/employer/launch-kit');
    expect(res.status).toBe(200);
    expect(res.body.inviteUrl.endsWith(`/#/join/${inviteToken}`)).toBe(true);
    expect(res.body.announcementEmail.subject).toContain('Northwind Logistics');
    expect(res.body.announcementEmail.body).toContain(res.body.inviteUrl);
    expect(res.body.announcementEmail.body).toContain(res.body.permissionStatement.text);
    expect(res.body.intranet.body).toContain('Northwind Logistics');
    expect(res.body.intranet.body).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(res.body.poster.body).toContain('Northwind Logistics');
    expect(res.body.checklist.map((c: { id: string }) => c.id)).toContain('permission');
  });

  it('gives the QR code of the invite link as SVG and as a PNG', async () => {
    const res = await hr.get('/api/employer/launch-kit/qr');
    expect(res.status).toBe(200);
    expect(res.body.inviteUrl.endsWith(`/#/join/${inviteToken}`)).toBe(true);
    // the same library encoding the same link gives the same symbol: the code really encodes the invite link
    expect(res.body.svg).toBe(
      await QRCode.toString(res.body.inviteUrl, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
        color: { dark: '#000000', light: '#ffffff' },
      }),
    );
    expect(res.body.svg.startsWith('<svg')).toBe(true);
    const png = Buffer.from(res.body.png.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(1024); // width from the IHDR chunk
  });

  it('keeps checklist state per organisation; ticking twice keeps the first date; unticking clears it', async () => {
    const first = await hr.put('/api/employer/launch-kit/checklist/posters', { done: true });
    expect(first.status).toBe(200);
    const ticked = first.body.checklist.find((c: { id: string }) => c.id === 'posters');
    expect(ticked.done).toBe(true);
    await stack.clock({ advanceMs: 60_000 });
    const again = await hr.put('/api/employer/launch-kit/checklist/posters', { done: true });
    await stack.clock({ advanceMs: -60_000 });
    expect(again.body.checklist.find((c: { id: string }) => c.id === 'posters').doneAt).toBe(ticked.doneAt);
    const kit = await hr.get('/api/employer/launch-kit');
    expect(kit.body.checklist.find((c: { id: string }) => c.id === 'posters').done).toBe(true);
    const off = await hr.put('/api/employer/launch-kit/checklist/posters', { done: false });
    expect(off.body.checklist.find((c: { id: string }) => c.id === 'posters')).toMatchObject({
      done: false,
      doneAt: null,
    });
    const unknown = await hr.put('/api/employer/launch-kit/checklist/party', { done: true });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields[0].field).toBe('path.itemId');
    const notBool = await hr.put('/api/employer/launch-kit/checklist/posters', { done: 'yes' });
    expect(notBool.status).toBe(422);
    expect(notBool.body.error.fields[0].field).toBe('body.done');
  });
});

describe('permission statement', () => {
  const text = 'You may use Respite for up to one hour a week in work time. Nobody will ask what it was for.';

  it('publishes the next version only from the newest one; a retry returns the same version', async () => {
    const before = await hr.get('/api/employer/permission-statements');
    expect(before.status).toBe(200);
    expect(before.body.templates.length).toBeGreaterThanOrEqual(3);
    const v = before.body.current.version as number;
    expect(v).toBe(1);

    const published = await hr.post('/api/employer/permission-statements', { text, expectedVersion: v });
    expect(published.status).toBe(201);
    expect(published.body.statement).toMatchObject({ version: v + 1, text });
    const retry = await hr.post('/api/employer/permission-statements', { text, expectedVersion: v });
    expect(retry.status).toBe(200);
    expect(retry.body.statement).toEqual(published.body.statement);

    // someone else's stale edit, and a version from the future, are refused without leaving a gap
    const stale = await hr.post('/api/employer/permission-statements', {
      text: 'A different statement written elsewhere.',
      expectedVersion: v,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const future = await hr.post('/api/employer/permission-statements', { text, expectedVersion: v + 5 });
    expect(future.status).toBe(409);

    const after = await hr.get('/api/employer/permission-statements');
    expect(after.body.history.map((h: { version: number }) => h.version)).toEqual([v + 1, v]);
    // employees see the newest statement with its date
    const org = await employee.get('/api/account/org');
    expect(org.body.permissionStatement).toEqual(published.body.statement);
  });

  it('refuses statements that are too short, too long or not text (422 naming the field)', async () => {
    for (const body of [
      { text: 'Short', expectedVersion: 2 },
      { text: 'x'.repeat(601), expectedVersion: 2 },
      { text: 42, expectedVersion: 2 },
      { text, expectedVersion: -1 },
      { text, expectedVersion: 2, extra: true },
    ]) {
      const res = await hr.post('/api/employer/permission-statements', body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(res.body.error.fields[0].field).toMatch(/^body/);
    }
  });
});

describe('departments and headcounts', () => {
  it('lists the seeded departments with headcounts', async () => {
    const res = await hr.get('/api/employer/departments');
    expect(res.status).toBe(200);
    expect(res.body.departments.find((d: { id: string }) => d.id === 'warehouse')).toMatchObject({
      name: 'Warehouse',
      headcount: 85,
    });
  });

  it('creates, renames, changes headcount and removes; employees can then pick the new department', async () => {
    const made = await hr.post('/api/employer/departments', { name: '  Route   Planning ', headcount: 34 });
    expect(made.status).toBe(201);
    expect(made.body.department).toMatchObject({ name: 'Route Planning', headcount: 34 });
    const id = made.body.department.id as string;
    expect((await employee.patch('/api/account/me', { departmentId: id })).status).toBe(200);
    const org = await stack.client().get('/api/account/org');
    expect(org.body.departments.map((d: { id: string }) => d.id)).toContain(id);

    const renamed = await hr.patch(`/api/employer/departments/${id}`, { name: 'Planning', headcount: 0 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.department).toMatchObject({ id, name: 'Planning', headcount: 0 });
    // the old name is free again
    const reuse = await hr.post('/api/employer/departments', { name: 'route planning', headcount: 5 });
    expect(reuse.status).toBe(201);

    expect((await hr.delete(`/api/employer/departments/${reuse.body.department.id}`)).status).toBe(204);
    expect((await hr.delete(`/api/employer/departments/${reuse.body.department.id}`)).status).toBe(204);
    expect((await hr.patch(`/api/employer/departments/${reuse.body.department.id}`, { headcount: 3 })).status).toBe(
      404,
    );
  });

  it('removing a department moves its people to "not stated" on their next read, counted as a move, and they cannot pick it again', async () => {
    const made = await hr.post('/api/employer/departments', { name: 'Night Shift Trial', headcount: 12 });
    const id = made.body.department.id as string;
    const person = await stack.signIn('night.shift@example.org', { inviteToken });
    expect((await person.patch('/api/account/me', { departmentId: id })).status).toBe(200);
    const period = month(new Date());
    const [outBefore, inNoneBefore] = [
      await counter(period, 'department_moves_out', id),
      await counter(period, 'department_moves_in', '_none'),
    ];

    expect((await hr.delete(`/api/employer/departments/${id}`)).status).toBe(204);
    const me = await person.get('/api/account/me');
    expect(me.status).toBe(200);
    expect(me.body.departmentId).toBeNull();
    expect(await counter(period, 'department_moves_out', id)).toBe(outBefore + 1);
    expect(await counter(period, 'department_moves_in', '_none')).toBe(inNoneBefore + 1);
    // a second read changes and counts nothing more
    expect((await person.get('/api/account/me')).body.departmentId).toBeNull();
    expect(await counter(period, 'department_moves_out', id)).toBe(outBefore + 1);
    const again = await person.patch('/api/account/me', { departmentId: id });
    expect(again.status).toBe(422);
    expect(again.body.error.fields[0].field).toBe('body.departmentId');
    const org = await stack.client().get('/api/account/org');
    expect(org.body.departments.map((d: { id: string }) => d.id)).not.toContain(id);
  });

  it('refuses duplicate names ignoring case and spacing, including seeded ones, and on rename', async () => {
    const dup = await hr.post('/api/employer/departments', { name: 'WAREHOUSE', headcount: 10 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].field).toBe('body.name');
    expect((await hr.post('/api/employer/departments', { name: 'customer  service', headcount: 10 })).status).toBe(409);
    const rename = await hr.patch('/api/employer/departments/finance', { name: 'Warehouse' });
    expect(rename.status).toBe(409);
    // a change of capitals only is a rename of the same department, not a duplicate
    const recase = await hr.patch('/api/employer/departments/finance', { name: 'FINANCE' });
    expect(recase.status).toBe(200);
    await hr.patch('/api/employer/departments/finance', { name: 'Finance' });
    // two concurrent creates of the same new name: exactly one wins
    const both = await Promise.all([
      hr.post('/api/employer/departments', { name: 'Fleet', headcount: 22 }),
      hr.post('/api/employer/departments', { name: 'fleet', headcount: 22 }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const list = (await hr.get('/api/employer/departments')).body.departments as { name: string }[];
    expect(list.filter((d) => d.name.toLowerCase() === 'fleet')).toHaveLength(1);
  });

  it('refuses headcounts below zero, absurd, fractional or not numbers, and bad names (422 naming the field)', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'Negative', headcount: -1 }, 'body.headcount'],
      [{ name: 'Absurd', headcount: 1_000_001 }, 'body.headcount'],
      [{ name: 'Fraction', headcount: 2.5 }, 'body.headcount'],
      [{ name: 'Text', headcount: '12' }, 'body.headcount'],
      [{ name: '', headcount: 12 }, 'body.name'],
      [{ name: '   ', headcount: 12 }, 'body.name'],
      [{ name: 'x'.repeat(81), headcount: 12 }, 'body.name'],
      [{ name: 'Two\nlines', headcount: 12 }, 'body.name'],
      [{ name: 'Extra', headcount: 12, id: 'mine' }, 'body'],
    ];
    const before = (await hr.get('/api/employer/departments')).body.departments.length;
    for (const [body, field] of cases) {
      const res = await hr.post('/api/employer/departments', body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const patch = await hr.patch('/api/employer/departments/warehouse', { headcount: -5 });
    expect(patch.status).toBe(422);
    expect((await hr.patch('/api/employer/departments/warehouse', {})).status).toBe(422);
    expect((await hr.patch('/api/employer/departments/bad%20id', { headcount: 3 })).status).toBe(422);
    expect((await hr.get('/api/employer/departments')).body.departments.length).toBe(before);
    expect(
      (await hr.get('/api/employer/departments')).body.departments.find((d: { id: string }) => d.id === 'warehouse')
        .headcount,
    ).toBe(85);
  });
});

describe('line managers and endorsements', () => {
  const subject = "It's OK to take time for this at work";
  const message = 'Hello team,\n\nIt is fine to use Respite during work hours. I will never know who uses it.';

  it('offers templates filled with the organisation and the current statement, and the size limit', async () => {
    const res = await manager.get('/api/employer/endorsements');
    expect(res.body.maxAddresses).toBe(200);
    expect(res.body.retention).toMatch(/does not save them/);
    expect(res.body.templates[0].text).toContain('Northwind Logistics');
    const statement = (await stack.client().get('/api/account/org')).body.permissionStatement.text;
    expect(res.body.templates[0].text).toContain(statement);
    expect(res.body.messagesSent).toBe(0);
  });

  it('previews without sending anything', async () => {
    const res = await manager.post('/api/employer/endorsements/preview', {
      subject,
      message,
      addresses: 'preview.only@team.example\nPreview.Only@team.example',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recipients: 1, duplicatesMerged: 1 });
    expect(res.body.content.subject).toBe(subject);
    expect(
      res.body.content.blocks.some((b: { button?: { href: string } }) =>
        b.button?.href.endsWith(`/#/join/${inviteToken}`),
      ),
    ).toBe(true);
    expect(await stack.inbox('preview.only@team.example')).toHaveLength(0);
  });

  it('sends once per address with one-click unsubscribe; a double submit sends nothing twice; only counts come back', async () => {
    const weekBefore = await counter('all', 'endorsements_sent');
    const addresses = 'ana.team@team.example\nben.team@team.example, cai.team@team.example\nANA.team@team.example';
    const body = { batchId: 'batch-0001-abcdefgh', subject, message, addresses };
    const [a, b] = await Promise.all([
      manager.post('/api/employer/endorsements', body),
      manager.post('/api/employer/endorsements', body),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body).toMatchObject({ sent: 3 });
    const again = await manager.post('/api/employer/endorsements', body);
    expect(again.body).toEqual(a.body);
    for (const to of ['ana.team@team.example', 'ben.team@team.example', 'cai.team@team.example']) {
      const mails = await waitForMail(to);
      expect(mails, to).toHaveLength(1);
      expect(mails[0]!.subject).toBe(subject);
      expect(mails[0]!.body.text).toContain('It is fine to use Respite during work hours.');
      expect(mails[0]!.body.text).toContain(`#/join/${inviteToken}`);
      const headers = Object.fromEntries((mails[0]!.headers ?? []).map((h) => [h.name.toLowerCase(), h.value]));
      expect(headers['list-unsubscribe']).toMatch(/^<https?:\/\/.+>$/);
      expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    }
    // give a queue time to deliver any (wrong) duplicates before re-counting
    await new Promise((r) => setTimeout(r, 500));
    expect(await stack.inbox('ana.team@team.example')).toHaveLength(1);

    const view = await manager.get('/api/employer/endorsements');
    expect(view.body.messagesSent).toBe(3);
    expect(view.body.sends).toEqual([{ sentAt: a.body.sentAt, count: 3 }]);
    expect(JSON.stringify(view.body)).not.toContain('team.example');
    const hrView = await hr.get('/api/employer/managers');
    // HR sees complete months only, gated like every figure: one manager's three messages never show
    expect(hrView.body.periods).toHaveLength(12);
    for (const p of hrView.body.periods as { cells: { cell: { display: string } }[] }[])
      expect(p.cells.map((c) => c.cell.display)).toEqual(['fewer than 10', 'Hidden: fewer than 10 line managers']);
    expect(await counter('all', 'endorsements_sent')).toBe(weekBefore + 3);

    // reusing the batch id for a different message is refused, not merged
    const reuse = await manager.post('/api/employer/endorsements', { ...body, addresses: 'dan.team@team.example' });
    expect(reuse.status).toBe(409);
    expect(await stack.inbox('dan.team@team.example')).toHaveLength(0);
  });

  it('never stores the team addresses', async () => {
    // Tests may Scan to inspect everything; the functions never do.
    const all = await rawTable(stack.db('demo')).scan();
    expect(JSON.stringify(all)).not.toContain('team.example');
  });

  it('reports exactly which lines are malformed, refuses oversized lists, and sends nothing in either case', async () => {
    const bad = await manager.post('/api/employer/endorsements', {
      batchId: 'batch-0002-abcdefgh',
      subject,
      message,
      addresses: 'eve.team@team.example\nfrank at team.example\ngina.team@team.example; hal@\n',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual([
      { field: 'body.addresses', message: 'line 2: "frank at team.example" is not an email address' },
      { field: 'body.addresses', message: 'line 3: "hal@" is not an email address' },
    ]);
    const big = await manager.post('/api/employer/endorsements', {
      batchId: 'batch-0003-abcdefgh',
      subject,
      message,
      addresses: Array.from({ length: 201 }, (_, i) => `big${i}@team.example`).join('\n'),
    });
    expect(big.status).toBe(422);
    expect(big.body.error.message).toMatch(/at most 200/);
    const huge = await manager.post('/api/employer/endorsements', {
      batchId: 'batch-0004-abcdefgh',
      subject,
      message,
      addresses: 'a@b.example,'.repeat(6000),
    });
    expect(huge.status).toBe(422);
    expect(huge.body.error.fields[0].field).toBe('body.addresses');
    for (const s of [
      { batchId: 'short', subject, message, addresses: 'x@team.example' },
      { batchId: 'batch-0005-abcdefgh', subject: 'Two\r\nBcc: evil@example.com', message, addresses: 'x@team.example' },
      { batchId: 'batch-0006-abcdefgh', subject, message: 'Too short', addresses: 'x@team.example' },
    ])
      expect((await manager.post('/api/employer/endorsements', s)).status).toBe(422);
    await new Promise((r) => setTimeout(r, 300));
    for (const to of ['eve.team@team.example', 'gina.team@team.example', 'big0@team.example', 'x@team.example'])
      expect(await stack.inbox(to), to).toHaveLength(0);
    expect((await manager.get('/api/employer/endorsements')).body.messagesSent).toBe(3);
  });

  it('a manager cannot reach another organisation with their session', async () => {
    const token = manager.cookies.get('rs_demo')!;
    const other = stack.client('acme');
    other.cookies.set('rs_acme', token);
    const res = await other.post('/api/employer/endorsements', {
      batchId: 'batch-0007-abcdefgh',
      subject,
      message,
      addresses: 'zed.team@team.example',
    });
    expect(res.status).toBe(401);
    const plain = stack.client('acme');
    plain.cookies.set('rs_demo', token);
    expect((await plain.get('/api/employer/endorsements')).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(await stack.inbox('zed.team@team.example')).toHaveLength(0);
  });
});
