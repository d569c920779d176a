// Employee: exactly what the employer sees, with the protections explained: the released figures (the same bytes as
// HR's dashboard) and HR's line-manager figures (the same bytes as HR's Line managers page).
import { Page } from '../../app/ui';
import { ManagerFigures } from '../employer/ManagerFigures';
import { HowWeProtectPeople, StatsView } from './StatsView';

export default function WhatMyEmployerSeesPage() {
  return (
    <Page
      title="What my employer sees"
      intro="This is everything your employer can see about Respite. It is the same page they see. Your name, your answers and whether you use Respite are never part of it."
    >
      <HowWeProtectPeople />
      <StatsView base="stats/what-my-employer-sees" allowDownload={false} />
      <section aria-labelledby="employer-sees-managers" className="stats-managers">
        <h2 id="employer-sees-managers">Line managers</h2>
        <p>
          HR also sees how many line managers use Respite to tell their teams it is fine to take the time, and how many
          such messages they sent, by month:
        </p>
        <ManagerFigures path="stats/what-my-employer-sees/managers" />
      </section>
    </Page>
  );
}
