// `npm run tenant:add`: argument handling and the file it writes (into a temporary tenants folder).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTenants } from '../../infra/tenants.js';
import { addTenant, parseTenantArgs } from '../../scripts/tenant-add.js';

const dir = () => mkdtempSync(join(tmpdir(), 'respite-tenants-'));

describe('tenant:add', () => {
  it('writes a tenant file that the CDK app loads and validates', () => {
    const d = dir();
    const file = addTenant(
      [
        'fabrikam',
        '--name',
        'Fabrikam Ltd',
        '--admin-email',
        'hr@fabrikam.example',
        '--admin-email',
        'ops@fabrikam.example',
        '--time-zone',
        'Europe/Dublin',
      ],
      d,
    );
    expect(file).toBe(join(d, 'fabrikam.json'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      slug: 'fabrikam',
      name: 'Fabrikam Ltd',
      country: 'GB',
      timeZone: 'Europe/Dublin',
      adminEmails: ['hr@fabrikam.example', 'ops@fabrikam.example'],
      coachEmails: [],
    });
    expect(loadTenants(d).map((t) => t.slug)).toEqual(['fabrikam']);
  });

  it('refuses a duplicate slug and leaves the existing file untouched', () => {
    const d = dir();
    addTenant(['fabrikam', '--name', 'Fabrikam Ltd', '--admin-email', 'hr@fabrikam.example'], d);
    const before = readFileSync(join(d, 'fabrikam.json'), 'utf8');
    expect(() => addTenant(['fabrikam', '--name', 'Other', '--admin-email', 'x@other.example'], d)).toThrow(
      'An organisation with the slug "fabrikam" already exists',
    );
    expect(readFileSync(join(d, 'fabrikam.json'), 'utf8')).toBe(before);
  });

  it('refuses a slug that hyphen-prefixes an existing one (or extends one), and reserved names', () => {
    const d = dir();
    addTenant(['acme', '--name', 'Acme Ltd', '--admin-email', 'hr@acme.example'], d);
    expect(() => addTenant(['acme-eu', '--name', 'Acme EU', '--admin-email', 'hr@acme.example'], d)).toThrow(
      /"acme" is a hyphen-prefix of "acme-eu"/,
    );
    expect(() => addTenant(['www', '--name', 'World Wide', '--admin-email', 'hr@www.example'], d)).toThrow(
      /"www" is reserved/,
    );
    expect(loadTenants(d).map((t) => t.slug)).toEqual(['acme']);
  });

  it('names the field that is wrong', () => {
    expect(() => parseTenantArgs(['fabrikam', '--name', 'Fabrikam', '--admin-email', 'not-an-email'])).toThrow(
      /adminEmails\.0: /,
    );
    expect(() => parseTenantArgs(['Fab Rikam', '--name', 'Fabrikam', '--admin-email', 'hr@f.example'])).toThrow(
      /slug: must be 3–32 lower-case/,
    );
    expect(() => parseTenantArgs(['fabrikam', '--name', 'F', '--admin-email', 'hr@f.example'])).toThrow(/name: /);
    expect(() =>
      parseTenantArgs(['fabrikam', '--name', 'Fabrikam', '--admin-email', 'hr@f.example', '--country', 'uk']),
    ).toThrow(/country: must be an ISO/);
    expect(() =>
      parseTenantArgs(['fabrikam', '--name', 'Fabrikam', '--admin-email', 'hr@f.example', '--time-zone', 'Mars/Base']),
    ).toThrow(/timeZone: "Mars\/Base"/);
  });

  it('explains missing or unknown arguments with the usage line', () => {
    expect(() => parseTenantArgs(['--name', 'Fabrikam', '--admin-email', 'hr@f.example'])).toThrow(
      /exactly one slug[\s\S]*Usage:/,
    );
    expect(() => parseTenantArgs(['fabrikam', '--admin-email', 'hr@f.example'])).toThrow(/--name is required/);
    expect(() => parseTenantArgs(['fabrikam', '--name', 'Fabrikam'])).toThrow(/--admin-email is required/);
    expect(() =>
      parseTenantArgs(['fabrikam', '--name', 'Fabrikam', '--admin-email', 'hr@f.example', '--colour', 'red']),
    ).toThrow(/colour[\s\S]*Usage:/);
  });

  it('refuses an organisation whose stack would break a deploy limit (its config is in every 4 KB function environment), writing nothing', () => {
    const d = dir();
    const admins = Array.from({ length: 120 }, (_, i) => [
      '--admin-email',
      `people-team-administrator-${i}@fabrikam-industries.example`,
    ]).flat();
    expect(() => addTenant(['fabrikam', '--name', 'Fabrikam Ltd', ...admins], d)).toThrow(
      /^This organisation would not deploy: Environment of function .* of 4096\./,
    );
    expect(existsSync(join(d, 'fabrikam.json'))).toBe(false);
  });

  it('the real tenants/ folder is valid', () => {
    const slugs = loadTenants().map((t) => t.slug);
    expect(slugs).toEqual(expect.arrayContaining(['acme', 'demo']));
  });
});
