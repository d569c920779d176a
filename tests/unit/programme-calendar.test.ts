// The "add to calendar" event: valid iCalendar for any start and module length, neutral wording, stable UID.
import fc from 'fast-check';
import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { focusTimeEvent } from '../../functions/domain/programme/calendar.js';

const parse = (ics: string) => new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);

it('parses with ical.js for any start and duration, with the exact start and length', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: 10, max: 20 }),
      (start, minutes) => {
        const s = new Date(Math.floor(start.getTime() / 1000) * 1000);
        const ics = focusTimeEvent({
          start: s,
          minutes,
          url: 'https://demo.example/#/',
          uidSeed: 'u|m',
          now: new Date('2026-11-22T10:00:00Z'),
        });
        const ev = parse(ics);
        expect(ev.startDate.toJSDate().getTime()).toBe(s.getTime());
        expect(ev.endDate.toJSDate().getTime() - s.getTime()).toBe(minutes * 60_000);
        expect(ev.summary).toBe('Focus time');
        expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
      },
    ),
    { numRuns: 200 },
  );
});

it('long URLs are folded and still round-trip; the UID is stable for the same slot and differs for another', () => {
  const url = 'https://a-very-long-organisation-name.respite.example/t/some-tenant-with-a-long-slug/#/';
  const at = new Date('2026-11-30T09:00:00Z');
  const now = new Date('2026-11-22T10:00:00Z');
  const one = focusTimeEvent({ start: at, minutes: 15, url, uidSeed: 'u|m', now });
  const again = focusTimeEvent({ start: at, minutes: 15, url, uidSeed: 'u|m', now: new Date('2026-11-23T10:00:00Z') });
  const other = focusTimeEvent({ start: new Date('2026-12-01T09:00:00Z'), minutes: 15, url, uidSeed: 'u|m', now });
  const vevent = new ICAL.Component(ICAL.parse(one)).getFirstSubcomponent('vevent')!;
  expect(vevent.getFirstPropertyValue('url')).toBe(url);
  expect(parse(one).uid).toBe(parse(again).uid);
  expect(parse(one).uid).not.toBe(parse(other).uid);
  expect(one).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  expect(one).toContain('DTSTAMP:20261122T100000Z');
  expect(one).not.toMatch(/stress|anxi|mood|respite course/i);
});

it('never names the app: no "@respite.app" UID, a neutral PRODID, and no URL at all when discreet', () => {
  const at = new Date('2026-11-30T09:00:00Z');
  const now = new Date('2026-11-22T10:00:00Z');
  const withLink = focusTimeEvent({
    start: at,
    minutes: 15,
    url: 'https://acme.respite.example/#/',
    uidSeed: 'u|m',
    now,
  });
  const discreet = focusTimeEvent({ start: at, minutes: 15, uidSeed: 'u|m', now });
  const vevent = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
  expect(parse(withLink).uid).toMatch(/^[0-9a-f]{32}$/);
  expect(parse(discreet).uid).toBe(parse(withLink).uid);
  expect(vevent(withLink).getFirstPropertyValue('url')).toBe('https://acme.respite.example/#/');
  expect(vevent(discreet).getFirstPropertyValue('url')).toBeNull();
  expect(discreet).not.toMatch(/respite|https?:/i);
  expect(discreet).toContain('PRODID:-//Focus time//EN');
  expect(parse(discreet).summary).toBe('Focus time');
});
