// The operator scripts' one argument parser (scripts/lib/args.ts).
import { describe, expect, it } from 'vitest';
import {
  localDynamoEndpoint,
  localStackUrl,
  parseScriptArgs,
  tenantSlug,
  tenantTable,
  UsageError,
} from '../../scripts/lib/args.js';

describe('parseScriptArgs', () => {
  it('reads positionals, --local with and without a URL, --table and declared values and switches', () => {
    expect(parseScriptArgs(['demo', '--local'])).toEqual({
      positionals: ['demo'],
      local: true,
      values: {},
      switches: new Set(),
    });
    const a = parseScriptArgs(
      ['--local', 'http://127.0.0.1:9000', 'demo', 'email', '--table', 't1', '--from', 'x', '--yes'],
      { values: ['from'], switches: ['yes'] },
    );
    expect(a).toMatchObject({
      positionals: ['demo', 'email'],
      local: true,
      localUrl: 'http://127.0.0.1:9000',
      table: 't1',
      values: { from: 'x' },
    });
    expect([...a.switches]).toEqual(['yes']);
    // a word after --local is a positional, not a URL
    expect(parseScriptArgs(['--local', 'demo']).localUrl).toBeUndefined();
    expect(parseScriptArgs(['--local', 'demo']).positionals).toEqual(['demo']);
  });

  it('refuses unknown options and a value flag without its value', () => {
    expect(() => parseScriptArgs(['demo', '--force'])).toThrow(new UsageError('Unknown option --force.'));
    expect(() => parseScriptArgs(['demo', '--table'])).toThrow('--table needs a value.');
    expect(() => parseScriptArgs(['--table', '--local'])).toThrow('--table needs a value.');
  });

  it('names tables and local endpoints the one way', () => {
    expect(tenantTable(parseScriptArgs(['demo']), 'demo')).toBe('respite-demo');
    expect(tenantTable(parseScriptArgs(['demo', '--local']), 'demo')).toBe('respite-local-demo');
    expect(tenantTable(parseScriptArgs(['demo', '--local', '--table', 'other']), 'demo')).toBe('other');
    expect(localDynamoEndpoint(parseScriptArgs(['--local', 'http://h:1']))).toBe('http://h:1');
    expect(localStackUrl(parseScriptArgs(['--local', 'http://h:2/']))).toBe('http://h:2');
  });

  it('checks the tenant slug like tenants/<slug>.json', () => {
    expect(tenantSlug('acme-eu')).toBe('acme-eu');
    for (const bad of [undefined, 'Bad Slug', '1acme', 'ab', 'acme-'])
      expect(() => tenantSlug(bad)).toThrow(UsageError);
  });
});
