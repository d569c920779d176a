// Coach console: reply times for this organisation — share of first replies within 24 hours and the median wait.
// Aggregates only: no conversation or person is listed here.
import { useEffect, useState } from 'react';
import { type ApiError, api } from '../../app/api';
import { Alert, Loading, Page, SelectField } from '../../app/ui';
import { waited } from './common';

interface Sla {
  period: string;
  replies: number;
  within24h: number;
  shareWithin24h: number | null;
  medianMinutes: number | null;
}

function recentMonths(n: number): string[] {
  const now = new Date();
  return Array.from({ length: n }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7),
  );
}
const monthName = (m: string) =>
  new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export default function SlaPage() {
  const [period, setPeriod] = useState('all');
  const [sla, setSla] = useState<Sla | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setSla(null);
    api.get<Sla>(`coaching/sla?period=${period}`).then(setSla, (e: ApiError) => setError(e.message));
  }, [period]);

  return (
    <Page
      title="Reply times"
      intro="How quickly people get a first reply after they write. The aim is within 24 hours."
    >
      <SelectField label="Period" value={period} onChange={(e) => setPeriod(e.target.value)}>
        <option value="all">Since launch</option>
        {recentMonths(12).map((m) => (
          <option key={m} value={m}>
            {monthName(m)}
          </option>
        ))}
      </SelectField>
      {error && <Alert kind="error">{error}</Alert>}
      {!sla && !error && <Loading />}
      {sla && (
        <dl className="sla-figures">
          <div>
            <dt>First replies</dt>
            <dd>{sla.replies}</dd>
          </div>
          <div>
            <dt>Within 24 hours</dt>
            <dd>{sla.shareWithin24h === null ? '–' : `${Math.round(sla.shareWithin24h * 100)}%`}</dd>
          </div>
          <div>
            <dt>Median wait (about)</dt>
            <dd>{sla.medianMinutes === null ? '–' : waited(Math.round(sla.medianMinutes))}</dd>
          </div>
        </dl>
      )}
    </Page>
  );
}
