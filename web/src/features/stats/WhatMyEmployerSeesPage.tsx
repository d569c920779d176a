// Employee: exactly what the employer sees, with the protections explained.
import { Page } from '../../app/ui';
import { HowWeProtectPeople, StatsView } from './StatsView';

export default function WhatMyEmployerSeesPage() {
  return (
    <Page title="What my employer sees" intro="This is everything your employer can see about Respite. It is the same page they see. Your name, your answers and whether you use Respite are never part of it.">
      <HowWeProtectPeople />
      <StatsView base="stats/what-my-employer-sees" allowDownload={false} />
    </Page>
  );
}
