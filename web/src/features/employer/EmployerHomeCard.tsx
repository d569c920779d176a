// HR home: the way into the launch kit, the permission statement, departments and line managers.
import { Link } from '../../app/router';
import { Card } from '../../app/ui';

export default function EmployerHomeCard() {
  return (
    <Card title="Launch Respite">
      <p>Tell staff about Respite and make it clear they may use it in work time.</p>
      <ul>
        <li>
          <Link to="/employer/launch-kit">Launch kit: QR code, poster, email and checklist</Link>
        </li>
        <li>
          <Link to="/employer/permission">Work-time permission statement</Link>
        </li>
        <li>
          <Link to="/employer/departments">Departments and headcounts</Link>
        </li>
        <li>
          <Link to="/employer/managers">Line managers</Link>
        </li>
      </ul>
    </Card>
  );
}
