// Employee home: the optional return-to-work track.
import { Link } from '../../app/router';
import { Card } from '../../app/ui';

export default function ReturnToWorkCard() {
  return (
    <Card title="Off work, or going back soon?">
      <p>
        Plan your return at your own pace: your hours, who can help, and what to do on hard days. Only you can see it.
      </p>
      <Link className="btn btn--secondary" to="/return-to-work">
        Open the return-to-work planner
      </Link>
    </Card>
  );
}
