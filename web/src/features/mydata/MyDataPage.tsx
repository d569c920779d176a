// Your data: download everything, see where you are signed in and sign out everywhere, and delete your account.
import { useState } from 'react';
import type { DeviceSession } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { Alert, Button, Card, Loading, Page } from '../../app/ui';
import { useApi } from '../../app/useApi';
import './mydata.css';

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

export default function MyDataPage() {
  const { me, refresh } = useSession();
  const loaded = useApi<{ sessions: DeviceSession[] }>('my-data/sessions');
  const sessions = loaded.data?.sessions ?? null;
  const [failed, setError] = useState<ApiError | null>(null);
  const error = failed ?? loaded.error;
  const [busy, setBusy] = useState(false);

  async function signOutEverywhere() {
    setBusy(true);
    try {
      await api.post('my-data/sessions/sign-out-everywhere');
      await refresh();
      window.location.hash = '#/sign-in';
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
    }
  }

  return (
    <Page title="Your data" intro="Everything you do in Respite belongs to you. Your employer cannot see any of it.">
      <Card title="Download your data">
        <p>
          Get a copy of everything Respite holds about you: your account, preferences, course progress, diaries,
          questionnaire answers and scores, messages with your coach and your return-to-work plan.
        </p>
        <div className="actions">
          <a className="btn btn--primary" href={api.url('my-data/export')} download>
            Download my data (JSON file)
          </a>
          <a className="btn btn--secondary" href={api.url('my-data/export.html')} target="_blank" rel="noopener">
            Open a readable copy to print (opens in a new tab)
          </a>
        </div>
        <p className="field__hint">
          The JSON file is for keeping or moving your data. The readable copy can be printed or saved as a PDF.
        </p>
      </Card>

      <Card title="Where you are signed in">
        {error && <Alert kind="error">{error.message}</Alert>}
        {!sessions && !error && <Loading label="Loading your devices…" />}
        {sessions && (
          <ul className="mydata-sessions">
            {sessions.map((s) => (
              <li key={s.signedInAt}>
                <strong>{s.device}</strong>
                {s.current && ' (this device)'}
                <br />
                <span className="field__hint">
                  Signed in {when(s.signedInAt)} · last active around {when(s.lastActiveAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          Lost a phone, or used a shared computer? Sign out everywhere. This device and all your other devices are
          signed out straight away.
        </p>
        <Button variant="secondary" onClick={signOutEverywhere} disabled={busy}>
          Sign out everywhere
        </Button>
      </Card>

      {me?.role === 'employee' && (
        <Card title="Delete your account">
          <p>
            If you no longer want to use Respite — for example, if you are leaving {me.orgName} — you can delete your
            account and everything in it. Your employer does not remove accounts and is not told.
          </p>
          <Link className="btn btn--danger" to="/my-data/delete">
            Delete my account…
          </Link>
        </Card>
      )}
    </Page>
  );
}
