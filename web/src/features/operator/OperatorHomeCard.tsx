// The operator's home: where to run the coaching service from.
import { Link } from '../../app/router';
import { Card } from '../../app/ui';
import './operator.css';

export default function OperatorHomeCard() {
  return (
    <Card title="The coaching service">
      <p>Manage the coaches and coaching hours of this organisation, and see how the service is doing.</p>
      <ul>
        <li>
          <Link to="/operator/service">Coaches and hours</Link>
        </li>
        <li>
          <Link to="/operator/health">Service health</Link>
        </li>
      </ul>
    </Card>
  );
}
