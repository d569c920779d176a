// Coach console: reply times for this organisation — share of first replies within 24 hours and the median wait.
// Aggregates only: no conversation or person is listed here.
import { useState } from 'react';
import type { ReplyTimes } from '../../../../functions/contract';
import { Alert, Loading, Page, SelectField } from '../../app/ui';
import { useApi } from '../../app/useApi';
import { waited } from './common';

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
  // Changing the period quickly: only the answer for the period now chosen is shown (useApi drops older ones).
  const { data: sla, error } = useApi<ReplyTimes>(`coaching/sla?period=${period}`);

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
      {error && <Alert kind="error">{error.message}</Alert>}
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
