// Offboard → re-onboard in CDK: a tenant stack records what it leaves behind (retained SSM parameter), and a stack
// given that record adopts the retained table, key and secrets instead of creating them again (which CloudFormation
// would refuse: fixed names). cdk-nag and the isolation check pass for the adopting stack.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { RetainedResources } from '../../infra/stacks/tenant-stack.js';
import { loadRetained } from '../../infra/tenants.js';
import { build, resourcesOf, tenant } from './helpers.js';

const RETAINED: RetainedResources = {
  tableName: 'respite-demo',
  keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-0000-4000-8000-000000000001',
  pseudonymKeyArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:respite/demo/pseudonym-key-AbCdEf',
  signingKeysArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:respite/demo/signing-keys-GhIjKl',
};

describe('a new tenant stack', () => {
  it('records its retained table, key and secrets in a retained SSM parameter, and names the key by an alias', () => {
    const b = build({ tenants: [tenant('demo')], only: 'demo', nag: false });
    const t = Template.fromStack(b.tenants[0]!);
    const params = resourcesOf(t, 'AWS::SSM::Parameter').filter(
      ([, p]) => p.Properties.Name === '/respite/tenants/demo/retained',
    );
    expect(params).toHaveLength(1);
    const [, param] = params[0]!;
    expect((param as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
    const value = JSON.stringify(param.Properties.Value);
    for (const field of ['tableName', 'keyArn', 'pseudonymKeyArn', 'signingKeysArn']) expect(value).toContain(field);
    const [keyId] = resourcesOf(t, 'AWS::KMS::Key')[0]!;
    expect(value).toContain(keyId);
    t.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/respite-demo',
      TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
  });
});

describe('a re-onboarded tenant stack', () => {
  it('adopts the retained resources: creates no key, table, secrets or record, and points everything at them', () => {
    const b = build({ tenants: [tenant('demo'), tenant('beta')], retained: new Map([['demo', RETAINED]]) });
    b.app.synth(); // cdk-nag and the isolation check (the adopted key's ARN names no tenant, and is allowed)
    const t = Template.fromStack(b.tenants.find((s) => s.slug === 'demo')!);
    for (const type of [
      'AWS::KMS::Key',
      'AWS::DynamoDB::GlobalTable',
      'AWS::DynamoDB::Table',
      'AWS::SecretsManager::Secret',
    ])
      t.resourceCountIs(type, 0);
    expect(
      resourcesOf(t, 'AWS::SSM::Parameter').filter(([, p]) => p.Properties.Name === '/respite/tenants/demo/retained'),
    ).toHaveLength(0);
    t.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/respite-demo', TargetKeyId: RETAINED.keyArn });
    const fns = resourcesOf(t, 'AWS::Lambda::Function').filter(
      ([, f]) => f.Properties.Environment?.Variables?.TENANT_ID,
    );
    expect(fns.length).toBeGreaterThan(5);
    for (const [, f] of fns) {
      const env = f.Properties.Environment.Variables;
      expect(env.TABLE_NAME).toBe('respite-demo');
      expect(env.PSEUDONYM_KEY_SECRET).toBe(RETAINED.pseudonymKeyArn);
      expect(env.SIGNING_KEYS_SECRET).toBe(RETAINED.signingKeysArn);
    }
    const policies = JSON.stringify(resourcesOf(t, 'AWS::IAM::Policy'));
    expect(policies).toContain(RETAINED.keyArn);
    expect(policies).toContain('table/respite-demo');
    // The other tenant is built as usual.
    Template.fromStack(b.tenants.find((s) => s.slug === 'beta')!).resourceCountIs('AWS::KMS::Key', 1);
  });

  it('refuses a retained record for a tenant that has no file, or for another table', () => {
    expect(() => build({ tenants: [tenant('demo')], retained: new Map([['gone', RETAINED]]) })).toThrow(
      'tenants/retained/gone.json has no tenants/gone.json',
    );
    expect(() =>
      build({ tenants: [tenant('demo')], retained: new Map([['demo', { ...RETAINED, tableName: 'respite-beta' }]]) }),
    ).toThrow(/tableName must be respite-demo/);
  });

  it('loads tenants/retained/<slug>.json and names a bad field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'retained-'));
    expect(loadRetained(join(dir, 'missing')).size).toBe(0);
    mkdirSync(join(dir, 'retained'));
    writeFileSync(join(dir, 'retained', 'demo.json'), JSON.stringify(RETAINED));
    expect(loadRetained(join(dir, 'retained')).get('demo')).toEqual(RETAINED);
    writeFileSync(join(dir, 'retained', 'demo.json'), JSON.stringify({ ...RETAINED, keyArn: 'alias/respite-demo' }));
    expect(() => loadRetained(join(dir, 'retained'))).toThrow(
      /tenants\/retained\/demo\.json is not valid: keyArn: must be a kms ARN/,
    );
  });
});
