// The pasted team list: which lines are malformed, duplicates, the size limit, and the endorsement idempotency key.
import { describe, expect, it } from 'vitest';
import { checkTeamList } from '../../functions/domain/employer/endorsements.js';
import { normaliseDepartmentName } from '../../functions/domain/employer/repository.js';
import { MAX_TEAM_ADDRESSES } from '../../functions/domain/employer/schema.js';
import { parseTeamList } from '../../functions/domain/employer/team-addresses.js';
import { fillTemplate } from '../../functions/domain/employer/templates.js';
import type { AppError } from '../../functions/shared/errors.js';

describe('parseTeamList', () => {
  it('accepts one per line, commas, semicolons and "Name <address>", lower-cased, in order', () => {
    const parsed = parseTeamList(
      'ana@team.example\nBen@Team.Example, cai@team.example;\n\n  Dee Jones <dee@team.example>  \n',
    );
    expect(parsed.addresses).toEqual(['ana@team.example', 'ben@team.example', 'cai@team.example', 'dee@team.example']);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tooMany).toBe(false);
  });

  it('names exactly the malformed lines with their 1-based numbers and content', () => {
    const parsed = parseTeamList('ok@team.example\nnot-an-address\nfine@team.example, broken@\n\nalso bad');
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(parsed.problems[0]!.message).toBe('line 2: "not-an-address" is not an email address');
    expect(parsed.problems[1]!.message).toBe('line 3: "broken@" is not an email address');
    expect(parsed.addresses).toEqual(['ok@team.example', 'fine@team.example']);
  });

  it('merges duplicates ignoring case and counts them', () => {
    const parsed = parseTeamList('a@x.example\nA@X.example\nb@x.example, a@x.example');
    expect(parsed.addresses).toEqual(['a@x.example', 'b@x.example']);
    expect(parsed.duplicatesMerged).toBe(2);
  });

  it('flags more than the limit of different addresses, but not the limit itself', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `person${i}@team.example`).join('\n');
    expect(parseTeamList(list(MAX_TEAM_ADDRESSES)).tooMany).toBe(false);
    expect(parseTeamList(list(MAX_TEAM_ADDRESSES + 1)).tooMany).toBe(true);
  });
});

describe('checkTeamList', () => {
  const failure = (raw: string) => {
    try {
      checkTeamList(raw);
    } catch (err) {
      return err as AppError;
    }
    throw new Error('expected a failure');
  };

  it('refuses malformed lines with a 422 listing each line under body.addresses', () => {
    const err = failure('good@team.example\nbad one\nworse@@x');
    expect(err.status).toBe(422);
    expect(err.fields).toEqual([
      { field: 'body.addresses', message: 'line 2: "bad one" is not an email address' },
      { field: 'body.addresses', message: 'line 3: "worse@@x" is not an email address' },
    ]);
  });

  it('refuses an empty list and an oversized list', () => {
    expect(failure(' \n ,').fields[0]!.message).toBe('add at least one email address');
    const big = failure(Array.from({ length: 201 }, (_, i) => `p${i}@team.example`).join(','));
    expect(big.code).toBe('too_many_addresses');
    expect(big.fields[0]!.message).toMatch(/201 different addresses; you can send to at most 200/);
  });

  it('returns the unique addresses when all is well', () => {
    expect(checkTeamList('x@t.example\nX@t.example')).toEqual(['x@t.example']);
  });
});

describe('helpers', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('Hi {orgName}, {missing}', { orgName: 'Northwind' })).toBe('Hi Northwind, {missing}');
  });
  it('compares department names ignoring case and repeated spaces', () => {
    expect(normaliseDepartmentName('  Customer   Service ')).toBe(normaliseDepartmentName('customer service'));
    expect(normaliseDepartmentName('Finance')).not.toBe(normaliseDepartmentName('Finances'));
  });
});
