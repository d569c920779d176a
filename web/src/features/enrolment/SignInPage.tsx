import { useSession } from '../../app/session';
import { Page } from '../../app/ui';
import { EmailCodeFlow } from './EmailCodeFlow';

export default function SignInPage() {
  const { org } = useSession();
  return (
    <Page title="Sign in" intro="Enter the email address you joined with. We will email you a 6-digit code.">
      <EmailCodeFlow submitLabel="Email me a code" org={org} />
      <p>New here? Open the invite link your employer shared to join.</p>
    </Page>
  );
}
