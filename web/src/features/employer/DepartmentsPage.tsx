// HR keeps the departments and their eligible headcounts. Headcounts decide which statistics can be shown, so
// they are the numbers HR already knows — never how many people joined.
import { type FormEvent, useState } from 'react';
import type { Department, Departments } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, Card, Loading, Page, TableScroll, TextField } from '../../app/ui';
import { useApi } from '../../app/useApi';

/** Numbers go as numbers (so "-3" gets "cannot be below zero"); anything else as typed, for the server to name. */
const asHeadcount = (value: string): number | string =>
  /^\s*-?\d+(\.\d+)?\s*$/.test(value.replace(/,/g, '')) ? Number(value.replace(/,/g, '')) : value;

export default function DepartmentsPage() {
  const { data, error: loadError, reload: load } = useApi<Departments>('employer/departments');
  const departments = data?.departments ?? null;
  const [error, setError] = useState('');
  const [editing, setEditing] = useState<Department | null>(null);
  const [removing, setRemoving] = useState<Department | null>(null);
  const [done, setDone] = useState('');

  async function remove(d: Department) {
    try {
      await api.delete(`employer/departments/${encodeURIComponent(d.id)}`);
      setDone(`${d.name} was removed.`);
      setRemoving(null);
      await load();
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  const total = departments?.reduce((n, d) => n + d.headcount, 0) ?? 0;

  return (
    <Page
      title="Departments"
      intro="Employees may choose their department when they join. Figures for a department are shown only when its headcount is 20 or more, and for the whole organisation when it is 50 or more."
    >
      {loadError && <Alert kind="error">{loadError.message}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {done && <Alert kind="success">{done}</Alert>}
      {!departments ? (
        !loadError && <Loading />
      ) : (
        <Card title="Your departments">
          {departments.length === 0 ? (
            <p>No departments yet. Add the first one below.</p>
          ) : (
            <TableScroll label="Departments and their headcounts">
              <table className="dept-table">
                <caption className="visually-hidden">Departments and their headcounts</caption>
                <thead>
                  <tr>
                    <th scope="col">Department</th>
                    <th scope="col" className="num">
                      Headcount
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {departments.map((d) => (
                    <tr key={d.id}>
                      <td>{d.name}</td>
                      <td className="num">{d.headcount.toLocaleString('en-GB')}</td>
                      <td>
                        <div className="dept-row-actions">
                          <Button
                            variant="secondary"
                            onClick={() => {
                              setEditing(d);
                              setDone('');
                            }}
                            aria-label={`Edit ${d.name}`}
                          >
                            Edit
                          </Button>
                          <Button
                            variant="link"
                            onClick={() => {
                              setRemoving(d);
                              setDone('');
                            }}
                            aria-label={`Remove ${d.name}`}
                          >
                            Remove
                          </Button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td className="num">{total.toLocaleString('en-GB')}</td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </TableScroll>
          )}
          {removing && (
            <Alert kind="warning">
              <p>
                Remove {removing.name}? People who chose it will count as “no department” in statistics from now on.
              </p>
              <div className="actions">
                <Button variant="danger" onClick={() => void remove(removing)}>
                  Remove {removing.name}
                </Button>
                <Button variant="secondary" onClick={() => setRemoving(null)}>
                  Keep it
                </Button>
              </div>
            </Alert>
          )}
        </Card>
      )}
      {editing && (
        <DepartmentForm
          key={editing.id}
          title={`Edit ${editing.name}`}
          initial={editing}
          submitLabel="Save changes"
          onCancel={() => setEditing(null)}
          onSubmit={async (body) => {
            await api.patch(`employer/departments/${encodeURIComponent(editing.id)}`, body);
            setDone('Saved.');
            setEditing(null);
            await load();
          }}
        />
      )}
      <DepartmentForm
        title="Add a department"
        submitLabel="Add department"
        onSubmit={async (body) => {
          await api.post('employer/departments', body);
          setDone(`${String(body.name).trim()} was added.`);
          await load();
        }}
      />
    </Page>
  );
}

function DepartmentForm({
  title,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial?: Department;
  submitLabel: string;
  onSubmit: (body: { name: string; headcount: number | string }) => Promise<void>;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [headcount, setHeadcount] = useState(initial ? String(initial.headcount) : '');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await onSubmit({ name, headcount: asHeadcount(headcount) });
      if (!initial) {
        setName('');
        setHeadcount('');
      }
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={title}>
      <form onSubmit={submit} noValidate>
        {error && !error.fieldError('name') && !error.fieldError('headcount') && (
          <Alert kind="error">{error.message}</Alert>
        )}
        <TextField
          label="Name"
          hint="Up to 80 characters."
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          error={error?.fieldError('name')}
        />
        <TextField
          label="Headcount"
          hint="How many people work there (0 to 1,000,000)."
          inputMode="numeric"
          value={headcount}
          onChange={(e) => setHeadcount(e.target.value)}
          error={error?.fieldError('headcount')}
        />
        <div className="actions">
          <Button type="submit" disabled={busy}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
