// The privacy promise in plain words, shown on the join page and its own page.
export function PrivacyPromise({ orgName }: { orgName: string }) {
  return (
    <ul className="promise">
      <li>{orgName} will never know whether you use Respite — not even whether you signed up.</li>
      <li>Nothing you write, answer or share is ever shown to {orgName} or your manager.</li>
      <li>
        {orgName} only sees a few totals for the whole organisation, with small numbers hidden and a little random noise
        added, so no one can be picked out.
      </li>
      <li>You can join with a personal email address.</li>
      <li>You can download or delete everything you have put into Respite at any time.</li>
    </ul>
  );
}
