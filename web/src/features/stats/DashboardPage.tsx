// HR: the anonymised uptake dashboard.
import { Page } from '../../app/ui';
import { HowWeProtectPeople, StatsView } from './StatsView';

export default function DashboardPage() {
  return (
    <Page
      title="Uptake figures"
      intro="How Respite is being used across your organisation. These are the same figures your staff can see."
    >
      <StatsView base="stats/dashboard" allowDownload />
      <HowWeProtectPeople />
    </Page>
  );
}
