// Crisis resources, one tap from every page, signed in or not, online or not (the service worker keeps account/org,
// which carries every country's list). The country shown: a signed-in employee's own setting, else the one chosen on
// this device, else the organisation's. Anyone can switch: signed out, on this device; an employee, on their account.
import { useId, useState } from 'react';
import type { CrisisCountryView, CrisisResource, OrgInfo } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { useSession } from '../../app/session';
import { Alert, Loading, Page, SelectField } from '../../app/ui';
import { useApi } from '../../app/useApi';

/** Only ever on this device: the country someone picked here before (or without) signing in. */
const DEVICE_KEY = 'respite.crisisCountry';

function deviceCountry(): string | null {
  try {
    return localStorage.getItem(DEVICE_KEY);
  } catch {
    return null;
  }
}

export default function HelpNowPage() {
  const { org, me } = useSession();
  const employee = me?.role === 'employee';
  // An employee's own setting is the truth for them; offline it stays the device's or the organisation's choice.
  const saved = useApi<CrisisCountryView>(employee ? 'account/country' : null);
  const [chosen, setCountry] = useState<string | null>(null);
  const country = chosen ?? saved.data?.country ?? null;
  const [showAll, setShowAll] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allId = useId();

  const known = (code: string | null) => (code && org?.crisisCountries.some((c) => c.code === code) ? code : null);
  const shown = known(country) ?? known(deviceCountry()) ?? org?.country ?? null;
  const current = org?.crisisCountries.find((c) => c.code === shown);

  const change = async (code: string) => {
    setCountry(code);
    setError(null);
    setStatus(null);
    const name = org?.crisisCountries.find((c) => c.code === code)?.name ?? code;
    // An employee's choice goes to their account only, so whoever uses this device next sees nothing of it.
    if (!employee) {
      try {
        localStorage.setItem(DEVICE_KEY, code);
      } catch {
        // Storage blocked: the choice lasts until the page is closed.
      }
      setStatus(`Showing services in ${name}. This is remembered on this device only.`);
      return;
    }
    try {
      await api.put<CrisisCountryView>('account/country', { country: code });
      setStatus(`Showing services in ${name}. Saved to your account.`);
    } catch (err) {
      setError(
        `Showing services in ${name} on this device, but not saved to your account: ${(err as ApiError).message}`,
      );
    }
  };

  return (
    <Page
      title="Need help now?"
      intro="If you are struggling to cope or thinking about harming yourself, you do not have to wait. These services are free and confidential."
    >
      {!org || !current ? (
        <Loading />
      ) : (
        <>
          <SelectField
            label="Country"
            hint="Where you are now. Only you see this choice."
            value={current.code}
            onChange={(e) => void change(e.target.value)}
          >
            {org.crisisCountries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          {status && <Alert kind="success">{status}</Alert>}
          {error && <Alert kind="error">{error}</Alert>}
          <h2>Services in {current.name}</h2>
          <ResourceList resources={current.resources} />
          <p>
            <button
              type="button"
              className="btn btn--secondary"
              aria-expanded={showAll}
              aria-controls={allId}
              onClick={() => setShowAll((v) => !v)}
            >
              {showAll ? 'Hide the other countries' : 'Show every country'}
            </button>
          </p>
          <div id={allId} hidden={!showAll}>
            {showAll && <AllCountries org={org} except={current.code} />}
          </div>
        </>
      )}
      <p>
        You can also talk to your own doctor. Respite is not an emergency service, and your coach may not see messages
        straight away.
      </p>
    </Page>
  );
}

function AllCountries({ org, except }: { org: OrgInfo; except: string }) {
  return (
    <>
      {org.crisisCountries
        .filter((c) => c.code !== except)
        .map((c) => (
          <section key={c.code} aria-labelledby={`crisis-${c.code}`}>
            <h2 id={`crisis-${c.code}`}>{c.name}</h2>
            <ResourceList resources={c.resources} />
          </section>
        ))}
    </>
  );
}

function ResourceList({ resources }: { resources: CrisisResource[] }) {
  return (
    <ul className="crisis-list">
      {resources.map((r) => (
        <li key={r.name} className="card">
          <h3 className="card__title">{r.name}</h3>
          <p>{r.description}</p>
          <a href={r.href}>{r.contact}</a>
        </li>
      ))}
    </ul>
  );
}
