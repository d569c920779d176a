// Deploy limits (infra/checks/limits.ts): every synth fails on a per-stack limit, and `npm run predeploy-check`
// checks the whole assembly against the account quotas, on a real synthesised app.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accountLimitFindings,
  DEFAULT_QUOTAS,
  environmentBytes,
  parseQuotas,
  stackLimitFindings,
} from '../../infra/checks/limits.js';
import { predeployFindings, readAssembly, report } from '../../scripts/predeploy-check.js';
import { build, tenant } from './helpers.js';

let outdir: string;
beforeAll(() => {
  const b = build({ tenants: [tenant('demo'), tenant('beta')], nag: false });
  b.app.synth();
  outdir = b.outdir;
});

describe('predeploy-check on a synthesised app', () => {
  it('finds the platform and both tenants within every limit (a tenant is past 80 % of our own resource budget)', () => {
    const findings = predeployFindings(outdir, DEFAULT_QUOTAS);
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(findings.map((f) => `${f.stack}: ${f.message.split(' (over')[0]}`)).toEqual([
      expect.stringMatching(/^RespiteTenant-demo: Resources against the tenant budget: \d+ of 200$/),
      expect.stringMatching(/^RespiteTenant-beta: Resources against the tenant budget: \d+ of 200$/),
    ]);
    expect(report(outdir, findings)).toMatchObject({
      ok: true,
      text: expect.stringContaining(`3 stack(s) in ${outdir} are within the limits checked (2 warning(s)).`),
    });
  });

  it('fails on an account quota the assembly would exceed, and warns above 80 %', () => {
    const templates = readAssembly(outdir);
    const roles = Object.values(templates).reduce(
      (n, t) =>
        n +
        Object.values(JSON.parse(t).Resources as Record<string, { Type: string }>).filter(
          (r) => r.Type === 'AWS::IAM::Role',
        ).length,
      0,
    );
    expect(roles).toBeGreaterThan(20);
    const over = accountLimitFindings(templates, { ...DEFAULT_QUOTAS, iamRoles: roles - 1 });
    expect(over).toEqual([
      { level: 'error', stack: 'account', message: expect.stringContaining(`IAM roles: ${roles} of ${roles - 1}.`) },
    ]);
    const near = accountLimitFindings(templates, { ...DEFAULT_QUOTAS, defaultBusRules: 2 });
    expect(near).toEqual([
      {
        level: 'warning',
        stack: 'account',
        message: expect.stringContaining('Rules on the default event bus: 2 of 2 (over 80 %)'),
      },
    ]);
    const r = report(outdir, predeployFindings(outdir, parseQuotas(`iamRoles=${roles - 1}`)));
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/ERROR account: IAM roles/);
    expect(r.text).toMatch(/limit\(s\) exceeded .*do not deploy/);
  });

  it('reads --quota and refuses an unknown one or a bad number', () => {
    expect(parseQuotas('iamRoles=5000,defaultBusRules=2000')).toMatchObject({
      iamRoles: 5000,
      defaultBusRules: 2000,
      stacks: 2000,
    });
    expect(() => parseQuotas('roles=1')).toThrow(/Unknown quota "roles"/);
    expect(() => parseQuotas('iamRoles=lots')).toThrow(/iamRoles must be a positive whole number/);
    expect(() => readAssembly('/nonexistent')).toThrow(/is not a cloud assembly/);
  });
});

describe('per-stack limits', () => {
  const template = (resources: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ Resources: resources, ...extra });
  const fn = (variables: Record<string, unknown>) => ({
    Type: 'AWS::Lambda::Function',
    Properties: { Environment: { Variables: variables } },
  });

  it('counts a resolved secret and a reference at their largest, and keys too', () => {
    expect(environmentBytes({ A: 'xyz' })).toBe(4);
    expect(
      environmentBytes({
        KEY: '{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:1:secret:k:SecretString:::}}',
      }),
    ).toBe(3 + 300);
    expect(environmentBytes({ Q: { Ref: 'Queue' } })).toBe(1 + 200);
    expect(environmentBytes({ U: { 'Fn::Join': ['', ['https://', { Ref: 'X' }, '/a']] } })).toBe(1 + 8 + 200 + 2);
  });

  it('fails a function environment over 4 KB, naming the function, and the tenant resource budget', () => {
    const big = template({ Fn: fn({ TENANT_CONFIG: 'x'.repeat(4100) }) });
    expect(stackLimitFindings('RespiteTenant-acme', big, true)).toEqual([
      {
        level: 'error',
        stack: 'RespiteTenant-acme',
        logicalId: 'Fn',
        message: expect.stringMatching(/^Environment of function Fn .*: 4113 of 4096\. Shorten tenants\/<slug>\.json/),
      },
    ]);
    const many = template(
      Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`Q${i}`, { Type: 'AWS::SQS::Queue' }])),
    );
    expect(
      stackLimitFindings('RespiteTenant-acme', many, true).map((f) => `${f.level} ${f.message.split(':')[0]}`),
    ).toEqual(['error Resources against the tenant budget']);
    expect(stackLimitFindings('RespitePlatform', many, false)).toEqual([]);
  });

  it('fails the synth itself when a tenant file makes the environment too big', () => {
    const admins = Array.from({ length: 120 }, (_, i) => `people-team-administrator-${i}@acme-engineering.example`);
    const b = build({ tenants: [tenant('acme', { adminEmails: admins })], nag: false });
    expect(() => b.app.synth()).toThrow(/Environment of function .* of 4096/);
  });
});
