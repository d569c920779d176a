// Employee home cards: course progress with the next step, and quick links to the things people dip into.
// The next step (next-step.ts): an unread coach reply, the module in progress, a check-in that is due, the next module.

import type { CourseOverview, EmployeeThread, Questionnaires } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { Card } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';
import { nextStep } from './next-step';

export function ProgressCard() {
  const state = useApi<CourseOverview>('programme/course');
  const checkins = useApi<Questionnaires>('programme/questionnaires');
  const coach = useApi<EmployeeThread>('coaching/thread');
  const lastCheckin = checkins.data
    ? (Object.values(checkins.data.history)
        .flat()
        .map((r) => r.submittedAt)
        .sort()
        .at(-1) ?? null)
    : null;
  return (
    <Card title="Your course">
      <LoadGate state={state} placeholder="card__placeholder--course">
        {(c) => {
          // Until the other two answer (or if they fail), the course alone decides.
          const step = nextStep(c, checkins.data ? { lastAt: lastCheckin } : null, coach.data);
          return (
            <>
              <p data-testid="home-progress">
                {c.pace.completed === 0
                  ? 'You have not finished a module yet.'
                  : `${c.pace.completed} of ${c.modules.length} modules done.`}
              </p>
              <progress max={c.modules.length} value={c.pace.completed} aria-label="Modules done" />
              {step ? (
                <div data-testid="next-step">
                  <p className="next-step__kicker">Your next step</p>
                  <p>
                    <Link className="btn btn--primary" to={step.to}>
                      {step.label}
                    </Link>
                  </p>
                  {step.why && <p className="field__hint">{step.why}</p>}
                </div>
              ) : (
                <p>You have finished every module. You can go back to any of them.</p>
              )}
              <p>
                <Link to="/course">See all modules</Link>
              </p>
            </>
          );
        }}
      </LoadGate>
    </Card>
  );
}

export function QuickLinksCard() {
  return (
    <Card title="Quick links">
      <ul className="quick-links">
        <li>
          <Link to="/library?filter=desk5">Something to do at my desk in 5 minutes</Link>
        </li>
        <li>
          <Link to="/diary/new/stress">Write in my stress diary</Link>
        </li>
        <li>
          <Link to="/diary/new/thought">Write a thought record</Link>
        </li>
        <li>
          <Link to="/check-ins">Check in on how I'm doing</Link>
        </li>
        <li>
          <Link to="/library">Browse the library</Link>
        </li>
        <li>
          <Link to="/goals">Look at or change my goals</Link>
        </li>
      </ul>
    </Card>
  );
}
