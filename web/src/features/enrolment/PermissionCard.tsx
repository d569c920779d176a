// Employee home: the employer's work-time permission statement, always visible.
import { useSession } from '../../app/session';
import { Card } from '../../app/ui';

export default function PermissionCard() {
  const { org } = useSession();
  if (!org) return null;
  return (
    <Card title="Time for this at work">
      <p>{org.permissionStatement.text}</p>
      <p className="field__hint">
        From {org.orgName}
        {org.permissionStatement.publishedAt
          ? `, ${new Date(org.permissionStatement.publishedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`
          : ''}
        .
      </p>
    </Card>
  );
}
