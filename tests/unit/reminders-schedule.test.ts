// Pure parts of reminders and the email engine: DST-safe occurrences, slots, check-in dates, the token bucket,
// preference validation and discreet wording.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mondayEmail } from '../../functions/domain/delivery/monday-email.js';
import {
  checkinEmail,
  DEFAULT_CHECKIN_TEXTS,
  practiceEmail,
  reminderEmail,
} from '../../functions/domain/email/templates.js';
import { TokenBucket } from '../../functions/domain/email/token-bucket.js';
import { bannedWordsIn } from '../../functions/domain/programme/content/schema.js';
import {
  checkinDueAt,
  localParts,
  nextOccurrence,
  roundUpToSlot,
  slotOf,
  zonedToUtc,
} from '../../functions/domain/reminders/schedule.js';
import { PreferencesInput } from '../../functions/domain/reminders/schema.js';
import { TenantConfigSchema } from '../../functions/shared/tenant-config.js';

const london = (days: number[], time = '09:00') => ({ days, time, timeZone: 'Europe/London' });

describe('next occurrence', () => {
  it('keeps 09:00 London on both sides of the spring and autumn changes', () => {
    expect(nextOccurrence(london([6]), new Date('2026-03-27T12:00Z')).toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(nextOccurrence(london([7]), new Date('2026-03-27T12:00Z')).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(nextOccurrence(london([6]), new Date('2026-10-23T12:00Z')).toISOString()).toBe('2026-10-24T08:00:00.000Z');
    expect(nextOccurrence(london([7]), new Date('2026-10-23T12:00Z')).toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });

  it('is strictly after the given instant (firing at 09:00 gives the next day, not the same one)', () => {
    expect(nextOccurrence(london([1, 2, 3, 4, 5, 6, 7]), new Date('2026-11-23T09:00Z')).toISOString()).toBe(
      '2026-11-24T09:00:00.000Z',
    );
  });

  it('handles other zones, including quarter-hour offsets and the southern hemisphere', () => {
    expect(
      nextOccurrence(
        { days: [1], time: '09:00', timeZone: 'America/New_York' },
        new Date('2026-11-20T00:00Z'),
      ).toISOString(),
    ).toBe('2026-11-23T14:00:00.000Z');
    expect(
      nextOccurrence(
        { days: [1], time: '08:30', timeZone: 'Asia/Kathmandu' },
        new Date('2026-11-20T00:00Z'),
      ).toISOString(),
    ).toBe('2026-11-23T02:45:00.000Z');
    expect(
      nextOccurrence(
        { days: [1], time: '09:00', timeZone: 'Australia/Sydney' },
        new Date('2026-11-20T00:00Z'),
      ).toISOString(),
    ).toBe('2026-11-22T22:00:00.000Z');
  });

  it('skips a time that does not exist (spring gap) by one hour and picks the first of a repeated hour', () => {
    expect(zonedToUtc(2026, 3, 29, '01:30', 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
    expect(zonedToUtc(2026, 10, 25, '01:30', 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z'); // first 01:30
  });

  it('property: for any zone, weekday set and quarter-hour time, the result is that local time on a chosen day within 8 days', () => {
    const zones = [
      'Europe/London',
      'Europe/Berlin',
      'America/New_York',
      'America/Sao_Paulo',
      'Asia/Kolkata',
      'Australia/Adelaide',
      'Pacific/Chatham',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 95 }),
        fc.date({ min: new Date('2025-01-01T00:00Z'), max: new Date('2030-12-31T00:00Z'), noInvalidDate: true }),
        (zone, days, q, after) => {
          const time = `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
          const at = nextOccurrence({ days, time, timeZone: zone }, after);
          expect(at.getTime()).toBeGreaterThan(after.getTime());
          expect(at.getTime() - after.getTime()).toBeLessThanOrEqual(8 * 86_400_000);
          expect(at.getTime() % (15 * 60_000)).toBe(0); // always on a UTC slot boundary
          const p = localParts(at, zone);
          const wd = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() || 7;
          expect(days).toContain(wd);
          const [h, m] = time.split(':').map(Number);
          // equal, or one hour later when the local time fell in a spring-forward gap
          expect([h! * 60 + m!, h! * 60 + m! + 60, h! * 60 + m! + 30]).toContain(p.hour * 60 + p.minute);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('slots and check-ins', () => {
  it('puts an instant in its 15-minute UTC slot', () => {
    expect(slotOf(new Date('2026-11-23T09:14:59.999Z'))).toBe('2026-11-23T09:00Z');
    expect(slotOf(new Date('2026-11-23T09:15:00Z'))).toBe('2026-11-23T09:15Z');
    expect(roundUpToSlot('08:30')).toBe('08:30');
    expect(roundUpToSlot('08:31')).toBe('08:45');
    expect(roundUpToSlot('23:59')).toBe('23:45');
  });

  it('schedules check-ins 1, 3 and 6 weeks after joining at 10:00 local, never at a weekend', () => {
    const joined = new Date('2026-11-21T15:00:00Z'); // a Saturday
    expect([1, 2, 3].map((n) => checkinDueAt(joined, n, 'Europe/London').toISOString())).toEqual([
      '2026-11-30T10:00:00.000Z', // Sat 28th → Monday 30th
      '2026-12-14T10:00:00.000Z',
      '2027-01-04T10:00:00.000Z',
    ]);
  });
});

describe('token bucket', () => {
  it('never exceeds its rate: 1,000 tokens at 14/s take at least (1000 − burst) / 14 simulated seconds', async () => {
    let now = 0;
    const bucket = new TokenBucket(14, {
      nowMs: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) {
      await bucket.take();
      times.push(now);
    }
    expect(now / 1000).toBeGreaterThanOrEqual((1000 - 14) / 14);
    expect(now / 1000).toBeLessThanOrEqual((1000 / 14) * 1.05);
    // In any one-second window there are at most rate + burst sends.
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(28);
    }
  });
});

describe('preferences validation', () => {
  const base = {
    remindersOn: true,
    days: [1],
    time: '09:00',
    timeZone: 'Europe/London',
    frequency: 'weekly',
    mondayOn: false,
    discreet: false,
    checkinsOn: true,
  };
  const fields = (over: object) => {
    const r = PreferencesInput.safeParse({ ...base, ...over });
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  it('accepts a valid set and names each bad field', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ time: '9:00' })).toEqual(['time']);
    expect(fields({ time: '24:00' })).toEqual(['time']);
    expect(fields({ timeZone: 'Not/AZone' })).toEqual(['timeZone']);
    expect(fields({ days: [] })).toEqual(['days']);
    expect(fields({ days: [1, 1], frequency: 'custom' })).toEqual(['days']);
    expect(fields({ days: [1, 2, 3, 4, 5], frequency: 'weekdays' })).toEqual([]);
  });
});

describe('discreet wording', () => {
  it('a reminder names the next module and its minutes in the body only, and never in discreet mode', () => {
    const tenant = TenantConfigSchema.parse({
      slug: 'demo',
      name: 'Northwind Logistics',
      adminEmails: ['hr@northwind.example'],
    });
    const next = { moduleId: 'problem-solving', number: 3, title: 'Problem solving', minutes: 15 };
    const plain = reminderEmail({ tenant, appUrl: 'https://x.example', discreet: false }, next);
    expect(plain.blocks.map((b) => b.text).join(' ')).toContain('Module 3: Problem solving, 15 min');
    expect(`${plain.subject} ${plain.preheader} ${plain.heading}`).not.toMatch(/module|problem/i);
    const discreet = reminderEmail({ tenant, appUrl: 'https://x.example', discreet: true }, next);
    expect(JSON.stringify(discreet)).not.toMatch(/module|problem solving|respite/i);
    expect(reminderEmail({ tenant, appUrl: 'https://x.example', discreet: false }, null).blocks[1]!.text).toMatch(
      /^Pick up where you left off/,
    );
  });

  it('a practice reminder names the practice in the body only, never in discreet mode, where it opens the Reminders page', () => {
    const tenant = TenantConfigSchema.parse({
      slug: 'demo',
      name: 'Northwind Logistics',
      adminEmails: ['hr@northwind.example'],
    });
    const practice = {
      title: 'A daily worry time',
      moduleNumber: 8,
      moduleTitle: 'Worry and rumination',
      href: 'https://x.example/#/course/worry-and-rumination',
    };
    const plain = practiceEmail({ tenant, appUrl: 'https://x.example', discreet: false }, practice);
    expect(plain.blocks[0]!.text).toBe("This week's practice: A daily worry time (Module 8: Worry and rumination).");
    expect(plain.blocks.at(-1)!.button!.href).toBe(practice.href);
    expect(`${plain.subject} ${plain.preheader} ${plain.heading}`).not.toMatch(/worry|module|practice time/i);
    // the sender passes no practice in discreet mode; even given one, the discreet email does not name it
    for (const given of [null, practice]) {
      const discreet = practiceEmail({ tenant, appUrl: 'https://x.example', discreet: true }, given);
      expect(JSON.stringify(discreet)).not.toMatch(/worry|module|course|respite/i);
      expect(discreet.blocks.at(-1)!.button!.href).toBe('https://x.example/#/reminders');
    }
  });

  const tenant = TenantConfigSchema.parse({
    slug: 'demo',
    name: 'Northwind Logistics',
    adminEmails: ['hr@northwind.example'],
  });
  const ctx = { tenant, appUrl: 'https://x.example', discreet: true, permissionStatement: 'You may use it at work.' };
  it('no discreet subject, preview or heading contains a banned word (or the product name)', () => {
    const emails = [
      reminderEmail(ctx),
      practiceEmail(ctx),
      ...[1, 2, 3, 13].map((w) => mondayEmail(ctx, w)),
      ...[1, 2, 3].map((n) => checkinEmail(ctx, DEFAULT_CHECKIN_TEXTS[n as 1], 'Alex')),
    ];
    for (const e of emails)
      for (const line of [e.subject, e.preheader, e.heading]) expect(bannedWordsIn(line)).toEqual([]);
  });
});

describe('unsubscribe page wording', () => {
  const kinds = ['reminder', 'practice', 'monday', 'checkin', 'endorsement', 'announcement'];
  it.each(kinds)(
    '%s: plain English, and "in the app" only for an account holder who can turn it back on there',
    async (k) => {
      const { unsubscribeWording } = await import('../../functions/reminders/http.js');
      const account = unsubscribeWording({ u: 'user-1', k });
      const raw = unsubscribeWording({ h: 'hash-1', k });
      for (const text of [account.question, account.done, raw.question, raw.done]) {
        expect(text).not.toMatch(/any more these|these emails/);
        expect(text).toMatch(/^[A-Z].*[.?]$/);
      }
      expect(`${raw.question} ${raw.done}`).not.toMatch(/in the app|turn them back on/); // no account: nothing to turn on
      expect(raw.done).toMatch(/to this address/);
      const onThePage = ['reminder', 'practice', 'monday', 'checkin'].includes(k);
      expect(account.done.includes('in the app, under Reminders and emails')).toBe(onThePage);
    },
  );
});
