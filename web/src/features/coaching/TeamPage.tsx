// Coach console: the coaching team. A coach marks themselves away (new conversations go to colleagues who are in)
// and hands over their open conversations; a lead coach can hand over anyone's and sees the board.
import { useState } from 'react';
import type { Team } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Button, Loading, Page } from '../../app/ui';
import { useApi } from '../../app/useApi';

type TeamMember = Team['coaches'][number];

export default function TeamPage() {
  const { data: team, error: loadError, reload: load } = useApi<Team>('coaching/team');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<string>) {
    setError('');
    setDone('');
    setBusy(true);
    try {
      setDone(await action());
      await load();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  }

  const setAway = (away: boolean) =>
    run(async () => {
      await api.put('coaching/team/me', { away });
      return away
        ? 'You are marked as away. New conversations go to colleagues who are in.'
        : 'Welcome back. New conversations can come to you again.';
    });
  const handOver = (c: TeamMember, self: boolean) =>
    run(async () => {
      const r = await api.post<{ moved: number; left: number }>(
        `coaching/team/${encodeURIComponent(c.coachId)}/hand-over`,
      );
      const moved = `${r.moved} open ${r.moved === 1 ? 'conversation was' : 'conversations were'} handed over${self ? '' : ` from ${c.email}`}.`;
      return r.left ? `${moved} ${r.left} stayed: nobody else is in.` : moved;
    });

  return (
    <Page
      title="Team"
      intro="Who is coaching, and who is away. New conversations go to the coach who is in with the fewest people waiting."
    >
      {loadError && <Alert kind="error">{loadError.message}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
      {!team && !loadError && <Loading />}
      {team && (
        <>
          {!team.me.onTeam ? (
            <Alert kind="warning">
              Your address is not on this organisation’s coaching roster, so no conversations are assigned to you.
            </Alert>
          ) : (
            <section aria-labelledby="status-title">
              <h2 id="status-title">Your status: {team.me.away ? 'away' : 'in'}</h2>
              <div className="actions">
                {team.me.away ? (
                  <Button onClick={() => void setAway(false)} disabled={busy}>
                    I am back
                  </Button>
                ) : (
                  <Button variant="secondary" onClick={() => void setAway(true)} disabled={busy}>
                    Mark me as away
                  </Button>
                )}
                <Button
                  variant="secondary"
                  onClick={() => void handOver(team.coaches.find((c) => c.coachId === team.me.coachId)!, true)}
                  disabled={busy}
                >
                  Hand over my open conversations
                </Button>
              </div>
            </section>
          )}
          {team.me.lead && (
            <p>
              <Link to="/coach/board">Open the lead coach’s board</Link> to see the whole service.
            </p>
          )}
          <h2>The team</h2>
          <ul className="inbox">
            {team.coaches.map((c) => (
              <li key={c.coachId}>
                <span>{c.email}</span>
                {c.coachId === team.me.coachId && <span className="flag flag--mine">You</span>}
                {c.lead && <span className="flag flag--mine">Lead coach</span>}
                {c.away ? <span className="flag flag--near">Away</span> : <span>In</span>}
                {team.me.lead && c.coachId !== team.me.coachId && (
                  <Button
                    variant="link"
                    onClick={() => void handOver(c, false)}
                    disabled={busy}
                    aria-label={`Hand over ${c.email}’s open conversations`}
                  >
                    Hand over their open conversations
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
