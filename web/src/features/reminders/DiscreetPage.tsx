// Discreet mode: on for this device (this browser only) and/or for the account (every device, emails, calendar files).
// Each switch takes effect at once; the account one is saved on the server (PUT /api/reminders/discreet).
import { useEffect, useState } from 'react';
import { type ApiError, api } from '../../app/api';
import { NEUTRAL_TITLE, useDiscreet } from '../../app/discreet';
import { Alert, Card, Page } from '../../app/ui';
import { useApi } from '../../app/useApi';
import './reminders.css';

export default function DiscreetPage() {
  const { discreet, device, setDevice, account, setAccount, hide } = useDiscreet();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The server's value is the truth for the account (another device may have changed it).
  const { data: server } = useApi<{ on: boolean }>('reminders/discreet');
  useEffect(() => {
    if (server) setAccount(server.on);
  }, [server, setAccount]);

  const changeDevice = (on: boolean) => {
    setDevice(on);
    setError(null);
    setStatus(on ? 'Discreet mode is on for this device.' : 'Discreet mode is off for this device.');
  };
  const changeAccount = async (on: boolean) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    setAccount(on); // at once on this screen; put back if the server refuses
    try {
      const saved = await api.put<{ on: boolean }>('reminders/discreet', { on });
      setAccount(saved.on);
      setStatus(
        saved.on ? 'Saved: discreet mode is on for your account.' : 'Saved: discreet mode is off for your account.',
      );
    } catch (err) {
      setAccount(!on);
      setError(`Not saved: ${(err as ApiError).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Discreet mode" intro="For when other people can see your screen, your browser tabs or your inbox.">
      <div className="rem-stack">
        <Card title="Turn it on">
          <label className="rem-choice">
            <input
              type="checkbox"
              checked={device}
              onChange={(e) => changeDevice(e.target.checked)}
              aria-describedby="discreet-device-hint"
            />
            <span>On this device</span>
          </label>
          <p className="rem-hint" id="discreet-device-hint">
            Only this browser. Tabs and history say "{NEUTRAL_TITLE}", the tab icon is plain grey, reminder
            notifications say only "Your reminder", and listening exercises start with captions and no sound. Added to
            your home screen, the app is called "{NEUTRAL_TITLE}".
          </p>
          <label className="rem-choice">
            <input
              type="checkbox"
              checked={account}
              aria-disabled={busy || undefined}
              onChange={(e) => {
                if (!busy) void changeAccount(e.target.checked);
              }}
              aria-describedby="discreet-account-hint"
            />
            <span>On my account</span>
          </label>
          <p className="rem-hint" id="discreet-account-hint">
            The same on every device where you sign in, and also: emails come from "Notifications" with plain subjects
            and no wellbeing words, and calendar events you add are called "Focus time" with no link to this app.
          </p>
          {error && <Alert kind="error">{error}</Alert>}
          {status && <Alert kind="success">{status}</Alert>}
          <p data-testid="discreet-state">{discreet ? 'Discreet mode is on here.' : 'Discreet mode is off here.'}</p>
        </Card>
        <Card title="Hide the screen at any time">
          <p>
            Whether discreet mode is on or not, press <kbd>Esc</kbd> or the Hide button at the top to cover the screen
            at once. Press <kbd>Esc</kbd> again, or click, to come back.
          </p>
          <p>
            <button type="button" className="btn btn--secondary" onClick={hide}>
              Try it: hide the screen
            </button>
          </p>
        </Card>
        <Card title="Good to know">
          <ul>
            <li>
              Pages you visited before turning it on keep their old titles in your browser history. You can clear your
              history in the browser's settings.
            </li>
            <li>A private or incognito window keeps no history at all once you close it.</li>
            <li>
              Sign-in emails are the same for everyone, discreet or not, so that no mail log can tell who has an
              account.
            </li>
          </ul>
        </Card>
      </div>
    </Page>
  );
}
