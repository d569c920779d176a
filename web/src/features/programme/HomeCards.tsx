// Employee home cards: course progress with the next step, and quick links to the things people dip into.
import { Link } from '../../app/router';
import { Card } from '../../app/ui';
import { LoadGate, useLoad, type CourseOverview } from './shared';

export function ProgressCard() {
  const state = useLoad<CourseOverview>('programme/course');
  return (
    <Card title="Your course">
      <LoadGate state={state} placeholder="card__placeholder--course">
        {(c) => {
          const resume = c.resume && c.modules.find((m) => m.id === c.resume!.moduleId);
          return (
            <>
              <p data-testid="home-progress">
                {c.pace.completed === 0 ? 'You have not finished a module yet.' : `${c.pace.completed} of ${c.modules.length} modules done.`}
              </p>
              <progress max={c.modules.length} value={c.pace.completed} aria-label="Modules done" />
              {resume ? (
                <p>
                  <Link className="btn btn--primary" to={`/course/${resume.id}`}>
                    Carry on: {resume.title}
                  </Link>
                </p>
              ) : c.next ? (
                <p>
                  <Link className="btn btn--primary" to={`/course/${c.next.moduleId}`}>
                    {c.pace.completed === 0 ? 'Start' : 'Next'}: {c.next.title} ({c.next.minutes} min)
                  </Link>
                </p>
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
      </ul>
    </Card>
  );
}
