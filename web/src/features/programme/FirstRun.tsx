// The first run, for someone who has just joined: what to expect and how private it is, the employer's permission
// statement, optional goals, reminders and discreet mode, and an optional first check-in (PSS-10). Every step can be
// skipped, and so can the whole of it; finishing or skipping is stored (PUT /api/programme/welcome), so it is
// offered once. The home page shows FirstRunCard until then.

import { useEffect, useRef, useState } from 'react';
import type { PreferencesView, Welcome } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { useDiscreet } from '../../app/discreet';
import { Link, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { Alert, Button, Card, focusWhenReady, Page } from '../../app/ui';
import { LoadGate, useApi } from '../../app/useApi';

import '../reminders/reminders.css';

const STEPS = [
  'What to expect',
  'Time for this at work',
  'Your goals',
  'Reminders and privacy',
  'A first check-in',
] as const;

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';
  } catch {
    return 'Europe/London';
  }
};

/** Home: the way into the first run, with "Not now" (which counts as skipping it). */
export function FirstRunCard({ onSkipped }: { onSkipped: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const skip = async () => {
    try {
      await api.put('programme/welcome', { goals: [], finished: true });
      onSkipped();
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  return (
    <Card title="New here? Start with a short introduction" className="card--wide first-run-card">
      <p>
        Two minutes: what to expect, how private it is, and a few choices you can make now or later. Every step can be
        skipped.
      </p>
      {error && <Alert kind="error">{error}</Alert>}
      <div className="actions">
        <Link className="btn btn--primary" to="/welcome">
          Start the introduction
        </Link>
        <Button variant="secondary" onClick={() => void skip()}>
          Not now
        </Button>
      </div>
    </Card>
  );
}

export function FirstRunPage() {
  const state = useApi<Welcome>('programme/welcome');
  return (
    <Page title="Getting started">
      <LoadGate state={state}>{(w) => <Steps welcome={w} />}</LoadGate>
    </Page>
  );
}

function Steps({ welcome }: { welcome: Welcome }) {
  const { org } = useSession();
  const { device, setDevice, account, setAccount } = useDiscreet();
  const [step, setStep] = useState(0);
  const [goals, setGoals] = useState<string[]>(welcome.goals);
  const [remind, setRemind] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A new step takes focus; the first is reached with the page, whose h1 has focus (the route-change rule).
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) firstStep.current = false;
    else focusWhenReady('step-title');
  }, [step]);

  const save = (finished: boolean) => api.put<Welcome>('programme/welcome', { goals, finished });

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  }

  const next = () =>
    run(async () => {
      if (step === 2) await save(false);
      if (step === 3 && remind) {
        // Read at the moment of the change (not a page load): the save sends back everything else unchanged.
        const current = await api.get<PreferencesView>('reminders/preferences');
        const { version: _v, ...prefs } = current.preferences;
        await api.put('reminders/preferences', {
          ...prefs,
          remindersOn: true,
          frequency: 'weekly',
          days: [2],
          time: '09:00',
          timeZone: browserZone(),
        });
      }
      setStep((s) => s + 1);
    });
  const finish = (to: string) =>
    run(async () => {
      await save(true);
      navigate(to);
    });
  const changeAccount = (on: boolean) =>
    run(async () => {
      setAccount(on); // at once on this screen; put back if the server refuses
      try {
        setAccount((await api.put<{ on: boolean }>('reminders/discreet', { on })).on);
      } catch (err) {
        setAccount(!on);
        throw err;
      }
    });

  const last = step === STEPS.length - 1;
  return (
    <Card className="first-run">
      <p className="field__hint" data-testid="first-run-step">
        Step {step + 1} of {STEPS.length}
      </p>
      <h2 id="step-title" tabIndex={-1}>
        {STEPS[step]}
      </h2>
      {step === 0 && (
        <>
          <p>
            Respite is a short course about handling work stress, in modules of 15 to 25 minutes you can do at your own
            pace, with a diary, short check-ins, a library of quick things to try, and a coach you can write to.
          </p>
          <p>
            <strong>It is private.</strong> {org?.orgName ?? 'Your employer'} will never know whether you use Respite,
            not even whether you signed up. Nothing you write, answer or share is shown to them or to your manager; they
            see only a few totals, with small numbers hidden and a little random noise added.
          </p>
          <p>
            <Link to="/privacy-promise">What your employer can and cannot see</Link>
          </p>
        </>
      )}
      {step === 1 && (
        <>
          <p>{org?.permissionStatement.text ?? 'Your organisation says you may use Respite during work time.'}</p>
          <p className="field__hint">
            From {org?.orgName ?? 'your organisation'}. You don't need to tell anyone what the time is for.
          </p>
        </>
      )}
      {step === 2 && (
        <fieldset className="rem-group">
          <legend>What would you like to get from this? Choose any, or none.</legend>
          {welcome.options.map((o) => (
            <label key={o.id} className="rem-choice">
              <input
                type="checkbox"
                checked={goals.includes(o.id)}
                onChange={() => setGoals(goals.includes(o.id) ? goals.filter((g) => g !== o.id) : [...goals, o.id])}
              />
              <span>{o.label}</span>
            </label>
          ))}
          <p className="field__hint">Only you can see these. They are part of your data download.</p>
        </fieldset>
      )}
      {step === 3 && (
        <>
          <label className="rem-choice">
            <input type="checkbox" checked={remind} onChange={(e) => setRemind(e.target.checked)} />
            <span>Email me a reminder once a week (Tuesdays at 09:00)</span>
          </label>
          <p className="field__hint">
            You can change the day and time, or turn it off, in <Link to="/reminders">Reminders</Link>.
          </p>
          <label className="rem-choice">
            <input type="checkbox" checked={device} onChange={(e) => setDevice(e.target.checked)} />
            <span>Discreet mode on this device</span>
          </label>
          <label className="rem-choice">
            <input type="checkbox" checked={account} onChange={(e) => void changeAccount(e.target.checked)} />
            <span>Discreet mode on my account, emails included</span>
          </label>
          <p className="field__hint">
            Discreet mode gives tabs a neutral title and icon, starts listening exercises with captions, and (on your
            account) makes emails plain. More in <Link to="/discreet">Discreet mode</Link>. Esc hides the screen at any
            time.
          </p>
        </>
      )}
      {step === 4 && (
        <>
          <p>
            The PSS-10 is ten questions about the last month, about three minutes. Taking it now gives you a starting
            point to look back on. It is not a diagnosis, and only you see the score.
          </p>
          <div className="actions">
            <Button disabled={busy} onClick={() => void finish('/check-ins/pss10')}>
              Take the check-in now
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => void finish('/')}>
              Skip it and finish
            </Button>
          </div>
        </>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      {!last && (
        <div className="actions">
          <Button disabled={busy} onClick={() => void next()}>
            {step === 2 || step === 3 ? 'Save and continue' : 'Next'}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => setStep(step + 1)}>
            Skip this step
          </Button>
          {step > 0 && (
            <Button variant="link" onClick={() => setStep(step - 1)}>
              Back
            </Button>
          )}
        </div>
      )}
      <p>
        <Button variant="link" disabled={busy} onClick={() => void finish('/')}>
          Skip the introduction
        </Button>
      </p>
    </Card>
  );
}
