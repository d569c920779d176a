import type { OrgInfo } from '../../../../functions/contract';
import { Link } from '../../app/router';
import { Alert, Loading, Page, SelectField } from '../../app/ui';
import { useApi } from '../../app/useApi';
import type { PageProps } from '../../routes';
import { EmailCodeFlow } from './EmailCodeFlow';
import { PrivacyPromise } from './PrivacyPromise';

export default function JoinPage({ params }: PageProps) {
  const { data: org, error } = useApi<OrgInfo>(`account/join/${encodeURIComponent(params.token!)}`);

  if (error)
    return (
      <Page title="This invite link has changed">
        <Alert kind="warning">{error.message}</Alert>
        <p>
          Already joined? <Link to="/sign-in">Sign in here</Link>.
        </p>
      </Page>
    );
  if (!org) return <Loading />;

  return (
    <Page
      title={`Welcome to Respite`}
      intro={`A confidential programme from ${org.orgName} to help you handle stress at work — at your own pace, in small steps.`}
    >
      <div className="statement">
        <p className="statement__label">From {org.orgName}</p>
        <p>{org.permissionStatement.text}</p>
      </div>
      <h2>Your privacy</h2>
      <PrivacyPromise orgName={org.orgName} />
      <h2>Join in under a minute</h2>
      <p>No password: we email you a 6-digit code.</p>
      <EmailCodeFlow
        inviteToken={params.token}
        org={org}
        submitLabel="Email me a code"
        departmentField={(value, set) =>
          org.departments.length > 0 && (
            <SelectField
              label="Your department (optional)"
              hint="Only used for totals large enough that no one can be picked out. You can skip this or change it later."
              value={value}
              onChange={(e) => set(e.target.value)}
            >
              <option value="">Prefer not to say</option>
              {org.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </SelectField>
          )
        }
      />
      <p>
        Already joined? <Link to="/sign-in">Sign in</Link>.
      </p>
    </Page>
  );
}
