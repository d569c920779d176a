// Delete my account, with a confirmation step. The server deletes everything of the person; a double click or a
// retry is harmless (the deletion is idempotent and resumable).
import { useEffect, useState } from 'react';
import { type ApiError, api } from '../../app/api';
import { Link, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { Alert, announce, Button, Card, Page } from '../../app/ui';
import './mydata.css';

const CONFIRM_MESSAGE = 'Tick the box to confirm you want to delete your account.';

export default function DeleteAccountPage() {
  const { refresh } = useSession();
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmError = error?.fieldError('confirm');
  // Not ticked: the message is spoken and focus moves to the box it is about (the button itself stays).
  useEffect(() => {
    if (!error?.fieldError('confirm')) return;
    announce(CONFIRM_MESSAGE, 'assertive');
    document.getElementById('confirm-delete')?.focus();
  }, [error]);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.post('my-data/delete-account', confirmed ? { confirm: true } : {});
      navigate('/account-deleted', { replace: true });
      await refresh();
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
    }
  }

  return (
    <Page title="Delete your account" intro="This removes your account and everything in it. It cannot be undone.">
      <Card title="What will be deleted">
        <ul className="mydata-list">
          <li>your account and email address</li>
          <li>your course progress and exercise answers</li>
          <li>your diaries and questionnaire answers and scores</li>
          <li>your messages with your coach (your coach will no longer see your conversation)</li>
          <li>your reminders (they stop straight away) and preferences</li>
          <li>your return-to-work plan</li>
        </ul>
        <p>
          What stays: anonymous totals your employer already received (they never had your name in them). Our backups
          keep a copy for up to 35 days, then it is gone from those too.
        </p>
        <p>
          Want a copy first? <Link to="/my-data">Download your data</Link> before you delete.
        </p>
      </Card>

      <Card title="Confirm">
        {error && !confirmError && <Alert kind="error">{error.message}</Alert>}
        <div className={`field ${confirmError ? 'field--error' : ''}`}>
          {confirmError && (
            <p className="field__error" id="confirm-error">
              {CONFIRM_MESSAGE}
            </p>
          )}
          <label className="rtw-check" htmlFor="confirm-delete">
            <input
              id="confirm-delete"
              type="checkbox"
              checked={confirmed}
              aria-describedby={confirmError ? 'confirm-error' : undefined}
              aria-invalid={confirmError ? true : undefined}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            <span>I understand this deletes my account and everything in it, and cannot be undone.</span>
          </label>
        </div>
        <div className="actions">
          <Button variant="danger" onClick={remove} disabled={busy}>
            {busy ? 'Deleting…' : 'Delete my account'}
          </Button>
          <Link to="/my-data">Cancel</Link>
        </div>
      </Card>
    </Page>
  );
}
