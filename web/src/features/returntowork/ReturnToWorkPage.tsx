// The return-to-work planner: a back-to-work plan with a graded schedule and warning signs, a support network and
// strategies for handling symptoms at work. Private to the employee.
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { Alert, Button, Card, Loading, Page, SelectField, TextArea, TextField } from '../../app/ui';
import '../mydata/mydata.css';
import type { PlanDocument } from '../../../../functions/contract';
import { SaveBar } from './SaveBar';

type SupportPerson = PlanDocument['network'][number];

import { formatLimit, usePlan } from './usePlan';

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Replaces one element of a list inside the plan. */
const replaceAt = <T,>(list: T[], i: number, next: Partial<T>) => list.map((x, j) => (j === i ? { ...x, ...next } : x));

export default function ReturnToWorkPage() {
  const { org } = useSession();
  const { guide, doc, loadError, save, dirty, update, saveNow, reload, fieldError } = usePlan();

  if (loadError)
    return (
      <Page title="Return to work">
        <Alert kind="error">{loadError.message}</Alert>
      </Page>
    );
  if (!guide || !doc) return <Loading />;
  const L = guide.limits;
  const setPlan = (next: Partial<PlanDocument['plan']>) => update((d) => ({ ...d, plan: { ...d.plan, ...next } }));
  const { plan } = doc;

  return (
    <Page
      title="Return to work"
      intro="Plan your way back to work at your own pace. This is yours: nobody at your organisation can see it. You can print parts of it to share if and when you choose."
    >
      <Alert kind="info">
        This planner sits alongside help from your GP, occupational health and others — it does not replace them.{' '}
        {org ? `${org.orgName} cannot see anything you write here.` : ''}
      </Alert>

      <Card title="Your back-to-work plan">
        <TextField
          label="Return date (if you know it)"
          type="date"
          value={plan.returnDate ?? ''}
          onChange={(e) => setPlan({ returnDate: e.target.value || null })}
          error={fieldError('plan.returnDate')}
        />
        <TextField
          label="Your contracted hours a week (optional)"
          hint={`We use this to check your weekly hours below. Up to ${L.maxHoursPerWeek}.`}
          type="number"
          inputMode="decimal"
          min={0}
          max={L.maxHoursPerWeek}
          step={0.25}
          value={plan.contractHoursPerWeek ?? ''}
          onChange={(e) => setPlan({ contractHoursPerWeek: e.target.value === '' ? null : Number(e.target.value) })}
          error={fieldError('plan.contractHoursPerWeek')}
        />
        <TextArea
          label="What do you want from going back?"
          hint={`For example: feel part of the team again, or enjoy one part of the job. Up to ${formatLimit(L.longText)} characters.`}
          value={plan.goals}
          onChange={(e) => setPlan({ goals: e.target.value })}
          error={fieldError('plan.goals')}
        />
        <TextArea
          label="Your first day"
          hint={`Who will you see? What will you do — and not do? Up to ${formatLimit(L.longText)} characters.`}
          value={plan.firstDay}
          onChange={(e) => setPlan({ firstDay: e.target.value })}
          error={fieldError('plan.firstDay')}
        />
        <TextArea
          label="Your first few weeks"
          hint={`Which tasks first, which later, and when you will check in with your manager. Up to ${formatLimit(L.longText)} characters.`}
          value={plan.firstWeeks}
          onChange={(e) => setPlan({ firstWeeks: e.target.value })}
          error={fieldError('plan.firstWeeks')}
        />
      </Card>

      <Card title="Build up your hours">
        <p>
          Many people start with fewer hours and build up over a few weeks. Put the weeks in date order. Hours cannot be
          more than your contracted hours.
        </p>
        <ol className="rtw-rows">
          {plan.schedule.map((w, i) => (
            <li className="rtw-row" key={i}>
              <div className="rtw-row__head">
                <h3>Week {i + 1}</h3>
                <Button
                  variant="secondary"
                  onClick={() => setPlan({ schedule: plan.schedule.filter((_, j) => j !== i) })}
                  aria-label={`Remove week ${i + 1}`}
                >
                  Remove
                </Button>
              </div>
              <div className="rtw-row__fields rtw-row__fields--week">
                <TextField
                  label={`Week ${i + 1} starts on`}
                  type="date"
                  value={w.weekStarting}
                  onChange={(e) => setPlan({ schedule: replaceAt(plan.schedule, i, { weekStarting: e.target.value }) })}
                  error={fieldError(`plan.schedule.${i}.weekStarting`)}
                />
                <TextField
                  label={`Hours in week ${i + 1}`}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step={0.25}
                  value={Number.isNaN(w.hours) ? '' : w.hours}
                  onChange={(e) =>
                    setPlan({
                      schedule: replaceAt(plan.schedule, i, {
                        hours: e.target.value === '' ? Number.NaN : Number(e.target.value),
                      }),
                    })
                  }
                  error={fieldError(`plan.schedule.${i}.hours`)}
                />
                <TextField
                  label={`Note for week ${i + 1} (optional)`}
                  value={w.note}
                  onChange={(e) => setPlan({ schedule: replaceAt(plan.schedule, i, { note: e.target.value }) })}
                  error={fieldError(`plan.schedule.${i}.note`)}
                />
              </div>
            </li>
          ))}
        </ol>
        {fieldError('plan.schedule') && <Alert kind="error">{fieldError('plan.schedule')}</Alert>}
        <Button
          variant="secondary"
          disabled={plan.schedule.length >= L.scheduleWeeks}
          disabledReason={`The plan holds up to ${L.scheduleWeeks} weeks.`}
          onClick={() => {
            const last = plan.schedule.at(-1);
            const start = last?.weekStarting
              ? addDays(last.weekStarting, 7)
              : (plan.returnDate ?? new Date().toISOString().slice(0, 10));
            setPlan({ schedule: [...plan.schedule, { weekStarting: start, hours: last?.hours ?? 0, note: '' }] });
          }}
        >
          Add a week
        </Button>
      </Card>

      <Card title="Warning signs and what to do">
        <p>What tells you things are getting too much? Decide now what you will do, so it is easier in the moment.</p>
        <ul className="rtw-rows">
          {plan.warningSigns.map((w, i) => (
            <li className="rtw-row" key={i}>
              <div className="rtw-row__head">
                <h3>Sign {i + 1}</h3>
                <Button
                  variant="secondary"
                  onClick={() => setPlan({ warningSigns: plan.warningSigns.filter((_, j) => j !== i) })}
                  aria-label={`Remove sign ${i + 1}`}
                >
                  Remove
                </Button>
              </div>
              <div className="rtw-row__fields rtw-row__fields--two">
                <TextField
                  label="The sign"
                  hint="For example: waking at 4am."
                  value={w.sign}
                  onChange={(e) => setPlan({ warningSigns: replaceAt(plan.warningSigns, i, { sign: e.target.value }) })}
                  error={fieldError(`plan.warningSigns.${i}.sign`)}
                />
                <TextArea
                  rows={2}
                  label="What I will do"
                  hint={`Up to ${formatLimit(L.note)} characters.`}
                  value={w.whatToDo}
                  onChange={(e) =>
                    setPlan({ warningSigns: replaceAt(plan.warningSigns, i, { whatToDo: e.target.value }) })
                  }
                  error={fieldError(`plan.warningSigns.${i}.whatToDo`)}
                />
              </div>
            </li>
          ))}
        </ul>
        <Button
          variant="secondary"
          disabled={plan.warningSigns.length >= L.warningSigns}
          disabledReason={`The plan holds up to ${L.warningSigns} warning signs.`}
          onClick={() => setPlan({ warningSigns: [...plan.warningSigns, { sign: '', whatToDo: '' }] })}
        >
          Add a warning sign
        </Button>
      </Card>

      <Card title="Your support network">
        <p>Who can help with your return, and with what? Knowing who does what makes it easier to ask.</p>
        <ul className="rtw-rows">
          {doc.network.map((p, i) => {
            const role = guide.roles.find((r) => r.id === p.role);
            const setPerson = (next: Partial<typeof p>) =>
              update((d) => ({ ...d, network: replaceAt(d.network, i, next) }));
            return (
              <li className="rtw-row" key={i}>
                <div className="rtw-row__head">
                  <h3>{p.name || `Person ${i + 1}`}</h3>
                  <Button
                    variant="secondary"
                    onClick={() => update((d) => ({ ...d, network: d.network.filter((_, j) => j !== i) }))}
                    aria-label={`Remove ${p.name || `person ${i + 1}`}`}
                  >
                    Remove
                  </Button>
                </div>
                <div className="rtw-row__fields rtw-row__fields--two">
                  <TextField
                    label="Name"
                    hint="Or a description, like “my GP”."
                    value={p.name}
                    onChange={(e) => setPerson({ name: e.target.value })}
                    error={fieldError(`network.${i}.name`)}
                  />
                  <SelectField
                    label="Role"
                    value={p.role}
                    // the options are the guide's role ids
                    onChange={(e) => setPerson({ role: e.target.value as SupportPerson['role'] })}
                    error={fieldError(`network.${i}.role`)}
                  >
                    {guide.roles.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.label}
                      </option>
                    ))}
                  </SelectField>
                </div>
                {role && <p className="field__hint">{role.canHelpWith}</p>}
                <TextArea
                  rows={2}
                  label="What they can help me with"
                  hint={`Up to ${formatLimit(L.note)} characters.`}
                  value={p.canHelpWith}
                  onChange={(e) => setPerson({ canHelpWith: e.target.value })}
                  error={fieldError(`network.${i}.canHelpWith`)}
                />
                <TextField
                  label="How to reach them (optional)"
                  value={p.contact}
                  onChange={(e) => setPerson({ contact: e.target.value })}
                  error={fieldError(`network.${i}.contact`)}
                />
              </li>
            );
          })}
        </ul>
        <Button
          variant="secondary"
          disabled={doc.network.length >= L.network}
          disabledReason={`The plan holds up to ${L.network} people.`}
          onClick={() =>
            update((d) => ({
              ...d,
              network: [...d.network, { name: '', role: 'manager', canHelpWith: '', contact: '' }],
            }))
          }
        >
          Add a person
        </Button>
      </Card>

      <Card title="Strategies for tough moments at work">
        <p>Choose the ones you want to try. Each links to the part of the course that goes deeper.</p>
        {guide.strategies.map((s) => {
          const index = doc.strategies.findIndex((c) => c.strategyId === s.id);
          const chosen = index >= 0;
          const boxId = `strategy-${s.id}`;
          return (
            <div className="rtw-strategy" key={s.id}>
              <label className="rtw-check" htmlFor={boxId}>
                <input
                  id={boxId}
                  type="checkbox"
                  checked={chosen}
                  onChange={(e) =>
                    update((d) => ({
                      ...d,
                      strategies: e.target.checked
                        ? [...d.strategies, { strategyId: s.id, note: '' }]
                        : d.strategies.filter((c) => c.strategyId !== s.id),
                    }))
                  }
                />
                <span>{s.title}</span>
              </label>
              <p className="field__hint">{s.when}</p>
              <p>{s.tryThis}</p>
              {s.modules.length > 0 && (
                <p>
                  Go deeper:{' '}
                  {s.modules.map((m, i) => (
                    <span key={m.id}>
                      {i > 0 && ', '}
                      <Link to={`/course/${m.id}`}>{m.title}</Link>
                    </span>
                  ))}
                </p>
              )}
              {chosen && (
                <TextArea
                  rows={2}
                  label={`How I will use “${s.title}”`}
                  hint={`Up to ${formatLimit(L.note)} characters.`}
                  value={doc.strategies[index]!.note}
                  onChange={(e) =>
                    update((d) => ({ ...d, strategies: replaceAt(d.strategies, index, { note: e.target.value }) }))
                  }
                  error={fieldError(`strategies.${index}.note`)}
                />
              )}
            </div>
          );
        })}
      </Card>

      <Card title="Asking for changes at work">
        <p>
          Draft a workplace adjustments request, see how it looks, and print it or save it as a file. You decide
          whether, when and with whom to share it.
        </p>
        <Link className="btn btn--secondary" to="/return-to-work/adjustments">
          Draft an adjustments request
        </Link>
      </Card>

      <SaveBar save={save} dirty={dirty} onSave={saveNow} onReload={reload} />
    </Page>
  );
}
