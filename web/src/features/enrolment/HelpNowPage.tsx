// Crisis resources, one tap from every page, signed in or not.
import { useSession } from '../../app/session';
import { Loading, Page } from '../../app/ui';

export default function HelpNowPage() {
  const { org } = useSession();
  return (
    <Page
      title="Need help now?"
      intro="If you are struggling to cope or thinking about harming yourself, you do not have to wait. These services are free and confidential."
    >
      {!org ? (
        <Loading />
      ) : (
        <ul className="crisis-list">
          {org.crisisResources.map((r) => (
            <li key={r.name} className="card">
              <h2 className="card__title">{r.name}</h2>
              <p>{r.description}</p>
              <a href={r.href}>{r.contact}</a>
            </li>
          ))}
        </ul>
      )}
      <p>
        You can also talk to your GP. Respite is not an emergency service, and your coach may not see messages straight
        away.
      </p>
    </Page>
  );
}
