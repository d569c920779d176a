// Crisis resources per country: emergency number first, every link dials or texts the number it shows.
import { describe, expect, it } from 'vitest';
import {
  allCrisisResources,
  CRISIS_COUNTRIES,
  CRISIS_RESOURCES,
  crisisResourcesFor,
} from '../../functions/domain/org/crisis-resources.js';
import { TenantConfigSchema } from '../../functions/shared/tenant-config.js';

/** Each country's emergency number, written out by hand (not read from the module under test). */
const EMERGENCY: Record<string, string> = { GB: '999', IE: '112', FI: '112', SE: '112', NO: '113' };
const CALLING_CODE: Record<string, string> = { GB: '44', IE: '353', FI: '358', SE: '46', NO: '47' };
/** Norway has no trunk prefix; the others dial 0 before the area code. */
const TRUNK: Record<string, string> = { GB: '0', IE: '0', FI: '0', SE: '0', NO: '' };

/** The digits a person would dial inside the country: +358 9… becomes 09…, +47 22… stays 22…. */
function nationalDigits(country: string, number: string): string {
  const prefix = `+${CALLING_CODE[country]}`;
  return number.startsWith(prefix) ? `${TRUNK[country]}${number.slice(prefix.length)}` : number;
}

const rows = CRISIS_COUNTRIES.flatMap((country) => CRISIS_RESOURCES[country].map((r) => ({ country, ...r })));

describe('crisis resources per country', () => {
  it('covers the UK, Ireland, Finland, Sweden and Norway', () => {
    expect([...CRISIS_COUNTRIES].sort()).toEqual(['FI', 'GB', 'IE', 'NO', 'SE']);
  });

  it.each(CRISIS_COUNTRIES)('%s starts with the emergency number', (country) => {
    const first = CRISIS_RESOURCES[country][0];
    expect(first?.href).toBe(`tel:${EMERGENCY[country]}`);
    expect(first?.contact.startsWith(EMERGENCY[country] ?? '?')).toBe(true);
    expect(CRISIS_RESOURCES[country].length).toBeGreaterThanOrEqual(3);
  });

  it.each(rows)('$country $name: the link is a valid tel:/sms: of the number shown', ({ country, contact, href }) => {
    const link = /^(tel|sms):(\+?\d+)(?:&body=([A-Z]+))?$/.exec(href);
    expect(link, href).not.toBeNull();
    const [, scheme, number, body] = link as RegExpExecArray;
    const shown = contact.replace(/\D/g, '');
    expect(shown).toContain(nationalDigits(country, number ?? ''));
    if (scheme === 'sms') {
      // A text line: the contact names the word to send, and the link pre-fills it.
      expect(body).toBeDefined();
      expect(contact).toContain(`Text ${body} to`);
    } else {
      expect(body).toBeUndefined();
    }
  });

  it('gives the services names and descriptions, and no duplicate names within a country', () => {
    for (const country of CRISIS_COUNTRIES) {
      const names = CRISIS_RESOURCES[country].map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
      for (const r of CRISIS_RESOURCES[country]) expect(r.description.length).toBeGreaterThan(10);
    }
    expect(CRISIS_RESOURCES.SE.map((r) => r.name)).toContain('Mind Självmordslinjen');
    expect(CRISIS_RESOURCES.FI.map((r) => r.contact)).toEqual([
      '112',
      '09 2525 0111',
      '09 2525 0112',
      '09 2525 0113',
      '116 117',
    ]);
  });
});

describe('choosing a list', () => {
  const base = { slug: 'northwind', name: 'Northwind', adminEmails: ['hr@northwind.example'] };
  const own = [{ name: 'Our helpline', contact: '0800 000 000', description: 'Our own line.', href: 'tel:0800000000' }];

  it('defaults the tenant to GB and its built-in list', () => {
    const tenant = TenantConfigSchema.parse(base);
    expect(tenant.country).toBe('GB');
    expect(tenant.crisisResources).toBeUndefined();
    expect(crisisResourcesFor(tenant).map((r) => r.contact)).toEqual([
      '999',
      '111, then option 2',
      '116 123',
      'Text SHOUT to 85258',
    ]);
  });

  it("uses the tenant's override only for its own country", () => {
    const tenant = TenantConfigSchema.parse({ ...base, country: 'FI', crisisResources: own });
    expect(crisisResourcesFor(tenant)).toEqual(own);
    expect(crisisResourcesFor(tenant, 'FI')).toEqual(own);
    expect(crisisResourcesFor(tenant, 'SE')).toEqual(CRISIS_RESOURCES.SE);
    const all = allCrisisResources(tenant);
    expect(all.map((c) => c.code)).toEqual(['FI', 'GB', 'IE', 'SE', 'NO']);
    expect(all[0]).toEqual({ code: 'FI', name: 'Finland', resources: own });
  });

  it.each([
    ['DE', 'must be an ISO 3166-1 alpha-2 code with crisis resources: GB, IE, FI, SE, NO'],
    ['gb', 'must be an ISO 3166-1 alpha-2 code with crisis resources: GB, IE, FI, SE, NO'],
    [44, 'must be an ISO 3166-1 alpha-2 code with crisis resources: GB, IE, FI, SE, NO'],
  ])('rejects tenant country %j naming the field', (country, message) => {
    const result = TenantConfigSchema.safeParse({ ...base, country });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join('.') === 'country');
    expect(issue?.message).toContain(message);
  });
});
