// Landing page of the emailed sign-in link: #/verify?k=…&t=…
import { useEffect, useRef, useState } from 'react';
import { type ApiError, api } from '../../app/api';
import { Link, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { Alert, Loading, Page } from '../../app/ui';
import type { PageProps } from '../../routes';

export default function VerifyLinkPage({ query }: PageProps) {
  const { refresh } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return; // the link is single use: never post it twice
    started.current = true;
    api.post('account/verify-link', { k: query.get('k') ?? '', t: query.get('t') ?? '' }).then(async () => {
      await refresh();
      navigate('/', { replace: true });
    }, setError);
  }, [query, refresh]);
  if (!error) return <Loading label="Signing you in…" />;
  return (
    <Page title="That link did not work">
      <Alert kind="warning">{error.message}</Alert>
      <p>
        <Link to="/sign-in">Get a new code</Link>
      </p>
    </Page>
  );
}
