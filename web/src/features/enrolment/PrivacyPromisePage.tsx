import { useSession } from '../../app/session';
import { Page } from '../../app/ui';
import { PrivacyPromise } from './PrivacyPromise';

export default function PrivacyPromisePage() {
  const { org } = useSession();
  const name = org?.orgName ?? 'Your employer';
  return (
    <Page title="What your employer can and cannot see">
      <PrivacyPromise orgName={name} />
    </Page>
  );
}
