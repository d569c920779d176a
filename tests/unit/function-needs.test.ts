// What each function declares in functions/contexts.ts (Needs) is what its code can reach: this walks each entry's
// imports (static and dynamic, transitively) and fails when the code reaches SES, the outbox queue or a table write
// that the entry does not declare — or declares one its code never reaches. infra/ grants exactly the declaration
// and the synth-time isolation check holds each role to it, so together the role matches the code.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HTTP_CONTEXTS, type Needs, QUEUE_CONSUMERS, SCHEDULED_JOBS } from '../../functions/contexts.js';

const ROOT = fileURLToPath(new URL('../../functions/', import.meta.url));

/** Every module under functions/ that `entry` can load, itself included. */
function reachable(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(join(ROOT, entry), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g))
    reachable(normalize(join(dirname(entry), m[1]!.replace(/\.js$/, '.ts'))), seen);
  return seen;
}

/** The places the code does each thing; a module reaching one of them needs it. */
const SES_SENDERS = ['domain/email/transactional.ts', 'domain/delivery/sender.ts'];
const EMAIL_QUEUE_SENDERS = ['domain/email/outbox.ts', 'domain/delivery/sender.ts'];
const TABLE_WRITE =
  /\b(?:db|rt\.db)\.(put|putVersioned|delete|batchDelete|deleteIf|update|updateIfReturning|transact|updateIf|increment)\(/;

function neededBy(entry: string): Pick<Needs, 'table' | 'sesSend' | 'sendsTo'> {
  const files = reachable(entry);
  const writes = [...files].some((f) => TABLE_WRITE.test(readFileSync(join(ROOT, f), 'utf8')));
  return {
    table: writes ? 'read-write' : 'read',
    sesSend: SES_SENDERS.some((f) => files.has(f)),
    sendsTo: EMAIL_QUEUE_SENDERS.some((f) => files.has(f)) ? ['email'] : [],
  };
}

const ENTRIES = [...HTTP_CONTEXTS, ...SCHEDULED_JOBS, ...QUEUE_CONSUMERS];

describe('function needs (functions/contexts.ts)', () => {
  it.each(ENTRIES.map((e) => [e.name, e] as const))('%s declares what its code reaches', (_name, e) => {
    expect({ table: e.needs.table, sesSend: e.needs.sesSend ?? false, sendsTo: e.needs.sendsTo ?? [] }).toEqual(
      neededBy(e.entry),
    );
    // functions/shared/runtime.ts loads the whole config, both key secrets included, at cold start.
    expect([...e.needs.keys].sort()).toEqual(['pseudonym', 'signing']);
  });

  it('the walk can fail: the sender reaches SES and its queue, the stats router neither', () => {
    expect(neededBy('email/on-email-queue.ts')).toEqual({ table: 'read-write', sesSend: true, sendsTo: ['email'] });
    expect(neededBy('stats/http.ts')).toMatchObject({ sesSend: false, sendsTo: [] });
    expect(reachable('enrolment/http.ts').has('domain/email/transactional.ts')).toBe(true);
  });
});
