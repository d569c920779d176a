// Team rules as plain functions: assignment by load skips coaches who are away; alerts go to the assigned coach
// while they are in, otherwise to everyone who is in (or the whole team if nobody is), plus leads who are in.
import { describe, expect, it } from 'vitest';
import { alertRecipients, leastLoaded, type TeamCoach } from '../../functions/domain/coaching/team.js';

const coach = (userId: string, o: Partial<TeamCoach> = {}): TeamCoach => ({
  userId,
  email: `${userId}@respite.example`,
  lead: false,
  away: false,
  ...o,
});

describe('leastLoaded', () => {
  const team = [coach('a'), coach('b'), coach('c', { lead: true })];
  it.each([
    { waiting: [], away: [], except: undefined, want: 'a' },
    { waiting: ['a'], away: [], except: undefined, want: 'b' },
    { waiting: ['a', 'b'], away: [], except: undefined, want: 'c' },
    { waiting: ['a', 'b', 'c', 'c'], away: [], except: undefined, want: 'a' },
    { waiting: [], away: ['a'], except: undefined, want: 'b' },
    { waiting: ['b'], away: ['a'], except: undefined, want: 'c' },
    { waiting: [], away: ['a', 'b', 'c'], except: undefined, want: undefined },
    { waiting: [], away: [], except: 'a', want: 'b' },
    { waiting: ['gone', 'gone'], away: [], except: undefined, want: 'a' }, // a coach no longer on the team counts for nobody
  ])('waiting $waiting, away $away, except $except → $want', ({ waiting, away, except, want }) => {
    const t = team.map((c) => ({ ...c, away: (away as string[]).includes(c.userId) }));
    expect(
      leastLoaded(
        t,
        (waiting as string[]).map((coachId) => ({ coachId })),
        except,
      ),
    ).toBe(want);
  });
});

describe('alertRecipients', () => {
  it.each([
    { assigned: 'a', away: [], safety: false, want: ['a'] },
    { assigned: 'a', away: [], safety: true, want: ['a', 'c'] },
    { assigned: 'a', away: ['a'], safety: false, want: ['b', 'c'] },
    { assigned: 'a', away: ['a'], safety: true, want: ['b', 'c'] },
    { assigned: 'a', away: ['c'], safety: true, want: ['a'] },
    { assigned: undefined, away: [], safety: false, want: ['a', 'b', 'c'] },
    { assigned: 'gone', away: ['b'], safety: false, want: ['a', 'c'] },
    { assigned: 'a', away: ['a', 'b', 'c'], safety: true, want: ['a', 'b', 'c'] },
  ])('assigned $assigned, away $away, safety $safety → $want', ({ assigned, away, safety, want }) => {
    const team = [coach('a'), coach('b'), coach('c', { lead: true })].map((c) => ({
      ...c,
      away: (away as string[]).includes(c.userId),
    }));
    expect(alertRecipients(team, assigned, safety)).toEqual(want);
  });
  it('nobody on the team: nobody (the alert waits)', () => expect(alertRecipients([], 'a', true)).toEqual([]));
});
