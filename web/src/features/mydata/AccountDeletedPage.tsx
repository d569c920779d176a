// Shown after deletion (signed out).
import { Page } from '../../app/ui';

export default function AccountDeletedPage() {
  return (
    <Page title="Your account has been deleted">
      <p>
        Everything you kept in Respite has been removed, and you have been signed out on this device. Any other devices
        are signed out too.
      </p>
      <p>
        Thank you for giving it a try. If you want to come back, you can join again at any time with your organisation’s
        invite link — you will start afresh.
      </p>
      <p>If things feel hard right now, “Need help now?” at the top of the page lists people you can talk to today.</p>
    </Page>
  );
}
