// The next step named on the home page: the first that applies of an unread coach reply, the module in progress, a
// check-in that is due (none yet after a first module, or none for four weeks), the next module with its minutes.
// Pure, so tests/unit/next-step.test.ts can check the order.
import type { CourseOverview } from '../../../../functions/contract';

/** A check-in is due when the last one of any kind is older than this. */
const CHECKIN_DUE_DAYS = 28;

export interface NextStep {
  label: string;
  to: string;
  why?: string;
}

export function nextStep(
  c: Pick<CourseOverview, 'modules' | 'resume' | 'next' | 'pace'>,
  checkins: { lastAt: string | null } | null,
  coach: { unread: boolean } | null,
  now = Date.now(),
): NextStep | null {
  if (coach?.unread) return { label: 'Read your coach’s reply', to: '/messages', why: 'Your coach has replied.' };
  const resume = c.resume && c.modules.find((m) => m.id === c.resume!.moduleId);
  if (resume)
    return {
      label: `Carry on: Module ${resume.number}: ${resume.title}`,
      to: `/course/${resume.id}`,
      why: `${resume.doneSections} of ${resume.sectionCount} parts done.`,
    };
  if (checkins) {
    const ageDays = checkins.lastAt ? (now - new Date(checkins.lastAt).getTime()) / 86_400_000 : null;
    if ((ageDays === null && c.pace.completed > 0) || (ageDays !== null && ageDays > CHECKIN_DUE_DAYS))
      return {
        label: 'Take a check-in: PSS-10, about 3 min',
        to: '/check-ins/pss10',
        why:
          ageDays === null
            ? 'A first check-in gives you a starting point to look back on.'
            : `Your last check-in was ${Math.floor(ageDays / 7)} weeks ago.`,
      };
  }
  if (c.next)
    return {
      label: `${c.pace.completed === 0 ? 'Start' : 'Next'}: Module ${c.next.number}: ${c.next.title}, ${c.next.minutes} min`,
      to: `/course/${c.next.moduleId}`,
    };
  return null;
}
