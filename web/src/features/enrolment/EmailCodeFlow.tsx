// The two steps shared by joining and signing in: email → 6-digit code. The link in the email works too.
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, api } from '../../app/api';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { Alert, announce, Button, TextField } from '../../app/ui';
import { isWorkEmail } from './work-email';

/** A field error found before sending, in the same shape as the server's (so it shows and is announced the same way). */
const localError = (field: string, message: string) =>
  new ApiError(422, 'invalid_input', message, [{ field: `body.${field}`, message }]);

interface Props {
  inviteToken?: string;
  departmentField?: (value: string, set: (v: string) => void) => ReactNode;
  submitLabel: string;
  /** The organisation's name and work email domains (public tenant config), for the work-address advice. */
  org: { orgName: string; workEmailDomains: string[] } | null;
}

export function EmailCodeFlow({ inviteToken, departmentField, submitLabel, org }: Props) {
  const { refresh } = useSession();
  const [step, setStep] = useState<'email' | 'code'>('email');
  const [email, setEmail] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [sentMessage, setSentMessage] = useState('');
  // Joining with a work address is allowed, once the person has confirmed it after reading why a personal one is
  // more private (the sign-in page only advises: staff must sign in with their work address).
  const [workConfirmed, setWorkConfirmed] = useState(false);
  const joining = Boolean(inviteToken);
  const atWork = Boolean(org && isWorkEmail(email, org.workEmailDomains));

  async function sendCode(e: FormEvent) {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
      return setError(localError('email', 'Enter your email address, like name@example.com.'));
    if (joining && atWork && !workConfirmed) {
      const message = 'Tick “Use this work address” to join with it, or type a personal address.';
      announce(message, 'assertive');
      document.getElementById('confirm-work')?.focus();
      return setError(localError('confirmWork', message));
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ message: string }>('account/sign-in', {
        email,
        ...(inviteToken ? { inviteToken } : {}),
        ...(departmentId ? { departmentId } : {}),
      });
      setSentMessage(res.message);
      setStep('code');
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    if (code.length !== 6) return setError(localError('code', 'Enter the 6 digits from the email.'));
    setBusy(true);
    setError(null);
    try {
      await api.post('account/verify', { email, code });
      await refresh();
      navigate('/', { replace: true });
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  }

  if (step === 'code')
    return (
      <form onSubmit={verify} noValidate>
        <Alert kind="success">{sentMessage}</Alert>
        {error && !error.fieldError('code') && <Alert kind="error">{error.message}</Alert>}
        <TextField
          label="6-digit code"
          hint={`Sent to ${email}. It can take a minute to arrive; check your junk folder too.`}
          name="code"
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
          error={error?.fieldError('code')}
          autoFocus
        />
        <div className="actions">
          <Button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Continue'}
          </Button>
          <Button
            variant="link"
            onClick={() => {
              setStep('email');
              setCode('');
              setError(null);
            }}
          >
            Use a different email or send a new code
          </Button>
        </div>
      </form>
    );

  return (
    <form onSubmit={sendCode} noValidate>
      {error && !error.fieldError('email') && !error.fieldError('confirmWork') && (
        <Alert kind="error">{error.message}</Alert>
      )}
      <TextField
        label="Your email address"
        hint="Any email you like. A personal one is the most private: emails to a work address pass through your employer's email systems. We only use it to send you a sign-in code and the reminders you choose."
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={error?.fieldError('email')}
        advice={org && atWork ? <WorkEmailAdvice orgName={org.orgName} joining={joining} /> : undefined}
        required
      />
      {joining && atWork && (
        <div className={`field${error?.fieldError('confirmWork') ? ' field--error' : ''}`}>
          {error?.fieldError('confirmWork') && (
            <p className="field__error" id="confirm-work-error">
              {error.fieldError('confirmWork')}
            </p>
          )}
          <label className="check">
            <input
              id="confirm-work"
              type="checkbox"
              checked={workConfirmed}
              onChange={(e) => setWorkConfirmed(e.target.checked)}
              aria-invalid={error?.fieldError('confirmWork') ? true : undefined}
              aria-describedby={error?.fieldError('confirmWork') ? 'confirm-work-error' : undefined}
            />{' '}
            Use this work address: I understand my employer&rsquo;s email systems will carry Respite&rsquo;s emails to
            it
          </label>
        </div>
      )}
      {departmentField?.(departmentId, setDepartmentId)}
      <div className="actions">
        <Button type="submit" disabled={busy}>
          {busy ? 'Sending…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}

/**
 * Kind, non-blocking advice when the address typed is at the organisation's own email domain. The sign-in page is
 * shared by employees and staff (HR admins, line managers, coaches), and the page cannot know which is typing (it must
 * not: it answers the same for every address), so there the advice speaks to both: staff sign in with the work address
 * they were invited at, and someone who also uses Respite for themselves is pointed to a personal address for that.
 */
function WorkEmailAdvice({ orgName, joining }: { orgName: string; joining: boolean }) {
  return (
    <>
      <p data-testid="work-email-advice">
        This looks like a {orgName} work address. Emails we send to it, such as sign-in codes and reminders, pass
        through {orgName}&rsquo;s email systems. A personal address keeps your use of Respite more private
        {joining ? ', but either works.' : '. Either works: sign in with the address you joined with.'}
      </p>
      {!joining && (
        <p data-testid="work-email-advice-staff">
          Invited as a line manager, HR admin or coach? Sign in with the work address your invitation was sent to: that
          account is part of your job. If you also use Respite for yourself, join with a personal address through the
          invite link, so your own use stays apart from your work role.
        </p>
      )}
    </>
  );
}
