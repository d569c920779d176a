// HR home: the organisation's one invite link, with copy and rotate.
import { useState } from 'react';
import type { InviteLink as Invite } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, Card, Loading } from '../../app/ui';
import { useApi } from '../../app/useApi';

export default function InviteLinkCard() {
  const { data: invite, error: loadError, setData: setInvite } = useApi<Invite>('account/invite-link');
  const [failed, setError] = useState<ApiError | null>(null);
  const error = failed ?? loadError;
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function rotate() {
    if (!invite) return;
    try {
      setInvite(await api.post<Invite>('account/invite-link/rotate', { currentToken: invite.token }));
      setConfirming(false);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <Card title="Your organisation's invite link">
      <p>One link for everyone. Share it on the intranet, in emails and on posters. It does not track who opens it.</p>
      {error && <Alert kind="error">{error.message}</Alert>}
      {!invite ? (
        <Loading />
      ) : (
        <>
          <div className="copy-row">
            <code data-testid="invite-url">{invite.url}</code>
            <Button
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(invite.url).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          </div>
          {confirming ? (
            <Alert kind="warning">
              <p>The current link will stop working straight away. People who already joined are not affected.</p>
              <div className="actions">
                <Button variant="danger" onClick={() => void rotate()}>
                  Replace the link
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  Keep it
                </Button>
              </div>
            </Alert>
          ) : (
            <div className="actions">
              <Button variant="link" onClick={() => setConfirming(true)}>
                Replace this link with a new one
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
