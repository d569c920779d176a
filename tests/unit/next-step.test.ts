// The home page's "next step" (web/src/features/programme/next-step.ts): an unread coach reply first, then the
// module in progress, then a check-in that is due, then the next module with its minutes.
import { describe, expect, it } from 'vitest';
import { nextStep } from '../../web/src/features/programme/next-step.js';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const mod = (number: number, status: 'not_started' | 'in_progress' | 'completed', doneSections = 0) => ({
  id: `module-${number}`,
  number,
  title: `Title ${number}`,
  summary: '',
  kind: 'core' as const,
  minutes: 10 + number,
  sectionCount: 6,
  status,
  sectionId: null,
  doneSections,
});
const course = (over: Partial<Parameters<typeof nextStep>[0]> = {}): Parameters<typeof nextStep>[0] => ({
  modules: [mod(1, 'completed'), mod(2, 'not_started'), mod(3, 'not_started')],
  resume: null,
  next: { moduleId: 'module-2', title: 'Title 2', number: 2, minutes: 12 },
  pace: { weeks: 8, week: 2, completed: 1, core: 3 },
  ...over,
});
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

describe('next step on home', () => {
  it('an unread coach reply comes before everything else', () => {
    const inProgress = course({
      modules: [mod(1, 'in_progress', 2)],
      resume: { moduleId: 'module-1', sectionId: 's' },
    });
    expect(nextStep(inProgress, { lastAt: null }, { unread: true }, NOW)).toMatchObject({
      to: '/messages',
      label: 'Read your coach’s reply',
    });
  });
  it('then the module in progress, with how far along it is', () => {
    const inProgress = course({
      modules: [mod(1, 'completed'), mod(2, 'in_progress', 2)],
      resume: { moduleId: 'module-2', sectionId: 's' },
    });
    expect(nextStep(inProgress, { lastAt: null }, { unread: false }, NOW)).toEqual({
      label: 'Carry on: Module 2: Title 2',
      to: '/course/module-2',
      why: '2 of 6 parts done.',
    });
  });
  it('then a check-in: none yet after a first module, or none for four weeks', () => {
    expect(nextStep(course(), { lastAt: null }, null, NOW)).toMatchObject({
      to: '/check-ins/pss10',
      label: 'Take a check-in: PSS-10, about 3 min',
    });
    expect(nextStep(course(), { lastAt: daysAgo(35) }, null, NOW)).toMatchObject({
      to: '/check-ins/pss10',
      why: 'Your last check-in was 5 weeks ago.',
    });
    expect(nextStep(course(), { lastAt: daysAgo(10) }, null, NOW)).toMatchObject({ to: '/course/module-2' });
  });
  it('otherwise the next module with its minutes; "Start" before any module is done; nothing when all are', () => {
    expect(nextStep(course(), { lastAt: daysAgo(1) }, { unread: false }, NOW)).toEqual({
      label: 'Next: Module 2: Title 2, 12 min',
      to: '/course/module-2',
    });
    const fresh = course({
      modules: [mod(1, 'not_started')],
      next: { moduleId: 'module-1', title: 'Title 1', number: 1, minutes: 9 },
      pace: { weeks: 8, week: null, completed: 0, core: 3 },
    });
    expect(nextStep(fresh, { lastAt: null }, null, NOW)).toEqual({
      label: 'Start: Module 1: Title 1, 9 min',
      to: '/course/module-1',
    });
    expect(nextStep(course({ next: null }), { lastAt: daysAgo(1) }, null, NOW)).toBeNull();
  });
  it('while the check-ins or the thread have not answered, the course alone decides', () => {
    expect(nextStep(course(), null, null, NOW)).toMatchObject({ to: '/course/module-2' });
  });
});
