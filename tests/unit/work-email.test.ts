// The work-email matcher behind the join and sign-in pages' advice (web/src/features/enrolment/work-email.ts).
import { describe, expect, it } from 'vitest';
import { TenantConfigSchema } from '../../functions/shared/tenant-config.js';
import { isWorkEmail } from '../../web/src/features/enrolment/work-email.js';

const domains = ['northwind.example', 'nw-logistics.co.uk'];

describe('isWorkEmail', () => {
  it.each([
    ['sam@northwind.example', true],
    ['Sam.Jones@NorthWind.Example', true],
    ['sam@uk.northwind.example', true],
    ['sam@mail.eu.northwind.example', true],
    ['  sam@northwind.example  ', true],
    ['sam@northwind.example.', true],
    ['sam@nw-logistics.co.uk', true],
    ['sam@notnorthwind.example', false],
    ['sam@northwind.example.com', false],
    ['sam@northwind', false],
    ['northwind.example@gmail.com', false],
    ['sam@example', false],
    ['sam@co.uk', false],
    ['sam@', false],
    ['@northwind.example', false],
    ['northwind.example', false],
    ['', false],
  ])('%j → %s', (email, expected) => {
    expect(isWorkEmail(email, domains)).toBe(expected);
  });

  it('matches nothing when the organisation lists no domains', () => {
    expect(isWorkEmail('sam@northwind.example', [])).toBe(false);
  });
});

describe('tenant config workEmailDomains', () => {
  const base = { slug: 'demo', name: 'Northwind Logistics', adminEmails: ['hr@northwind.example'] };

  it('defaults to none and keeps valid domains', () => {
    expect(TenantConfigSchema.parse(base).workEmailDomains).toEqual([]);
    expect(
      TenantConfigSchema.parse({ ...base, workEmailDomains: ['northwind.example', 'uk.nw-logistics.co.uk'] })
        .workEmailDomains,
    ).toEqual(['northwind.example', 'uk.nw-logistics.co.uk']);
  });

  it.each([
    'Northwind.example',
    'northwind',
    '@northwind.example',
    'http://northwind.example',
    '-bad.example',
    'a..example',
    'northwind.example.',
    '',
  ])('refuses %j, naming the field', (domain) => {
    const result = TenantConfigSchema.safeParse({ ...base, workEmailDomains: [domain] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['workEmailDomains', 0]);
  });
});
