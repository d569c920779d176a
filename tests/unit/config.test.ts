// The one config loader: every variable is validated there, and a bad value fails with an error naming it.
import { describe, expect, it } from 'vitest';
import { loadConfig, loadLogLevel } from '../../functions/shared/config.js';
import { keyEnv, newTenantKeys } from '../../functions/shared/keyring.js';

const base = {
  TENANT_ID: 'acme',
  TABLE_NAME: 'unit-none',
  TENANT_CONFIG: JSON.stringify({
    slug: 'acme',
    name: 'Acme',
    adminEmails: ['hr@acme.example'],
    coachEmails: ['c@respite.example'],
  }),
  APP_URL: 'https://acme.respite.example/',
  ...keyEnv(newTenantKeys()),
  EMAIL_FROM: 'no-reply@respite.example',
};
const local = { ...base, DDB_ENDPOINT: 'http://127.0.0.1:8000' };

describe('loadConfig', () => {
  it('applies the defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      tenantId: 'acme',
      appUrl: 'https://acme.respite.example',
      logLevel: 'info',
      emailSendRate: 14,
      emailFaultCrashRate: 0,
      region: 'eu-west-1',
    });
  });

  it('parses the email settings', () => {
    expect(loadConfig({ ...local, EMAIL_SEND_RATE: '7', EMAIL_FAULT_CRASH_RATE: '0.2' })).toMatchObject({
      emailSendRate: 7,
      emailFaultCrashRate: 0.2,
    });
  });

  it('ignores EMAIL_FAULT_CRASH_RATE unless running against the local emulators (DDB_ENDPOINT set)', () => {
    expect(loadConfig({ ...base, EMAIL_FAULT_CRASH_RATE: '1' }).emailFaultCrashRate).toBe(0);
  });

  it.each([
    ['LOG_LEVEL', 'verbose'],
    ['EMAIL_SEND_RATE', 'fast'],
    ['EMAIL_SEND_RATE', '0'],
    ['EMAIL_SEND_RATE', '20000'],
    ['EMAIL_FAULT_CRASH_RATE', 'often'],
    ['EMAIL_FAULT_CRASH_RATE', '1.5'],
    ['EMAIL_FAULT_CRASH_RATE', '-0.1'],
    ['APP_URL', 'not a url'],
    ['TENANT_ID', ''],
  ])('%s=%j is refused with an error naming the variable', (name, value) => {
    expect(() => loadConfig({ ...local, [name]: value })).toThrow(
      new RegExp(`^Invalid function environment: .*${name}: `),
    );
  });
});

describe('loadLogLevel', () => {
  it('reads LOG_LEVEL alone, defaulting to info', () => {
    expect(loadLogLevel({})).toBe('info');
    expect(loadLogLevel({ LOG_LEVEL: 'error' })).toBe('error');
  });

  it('refuses a bad LOG_LEVEL, naming it', () => {
    expect(() => loadLogLevel({ LOG_LEVEL: 'loud' })).toThrow(/^Invalid function environment: LOG_LEVEL: /);
  });
});

describe('the fault rate reaches the sender', () => {
  it('maybeCrash crashes at rate 1 and never at rate 0', async () => {
    const { maybeCrash } = await import('../../functions/domain/email/faults.js');
    const on = loadConfig({ ...local, EMAIL_FAULT_CRASH_RATE: '1' });
    const crash = maybeCrash(on, 5);
    expect(crash?.index).toBeGreaterThanOrEqual(0);
    expect(crash?.index).toBeLessThan(5);
    expect(['before-message', 'after-claim', 'after-send']).toContain(crash?.point);
    expect(maybeCrash(loadConfig({ ...base, EMAIL_FAULT_CRASH_RATE: '1' }), 5)).toBeUndefined();
    expect(maybeCrash(on, 0)).toBeUndefined();
  });
});
