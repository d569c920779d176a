// The save button and what happened to the last save, announced politely. A 409 keeps what the person typed on
// screen and offers to load the other version; a 422 points at the fields to fix.
import { Alert, Button } from '../../app/ui';
import type { SaveState } from './usePlan';

const PLACES: [RegExp, string][] = [
  [/^body\.plan\.schedule\.(\d+)\.(\w+)$/, 'Build up your hours, week $1'],
  [/^body\.plan\.warningSigns\.(\d+)\.(\w+)$/, 'Warning signs, sign $1'],
  [/^body\.network\.(\d+)\.(\w+)$/, 'Support network, person $1'],
  [/^body\.strategies\.(\d+)\.(\w+)$/, 'Strategies, choice $1'],
  [/^body\.adjustments\.requests\.(\d+)\.(\w+)$/, 'Adjustments, request $1'],
];

/** "body.plan.schedule.1.hours" → "Build up your hours, week 2". */
function where(field: string): string {
  for (const [re, label] of PLACES) {
    const m = re.exec(field);
    if (m) return label.replace('$1', String(Number(m[1]) + 1));
  }
  return field
    .replace(/^body\./, '')
    .split('.')
    .at(-1)!
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase();
}

export function SaveBar({
  save,
  dirty,
  onSave,
  onReload,
  label = 'Save my plan',
}: {
  save: SaveState;
  dirty: boolean;
  onSave: () => void;
  onReload: () => void;
  label?: string;
}) {
  return (
    <div className="rtw-savebar">
      {/* Each message is an Alert, spoken through the app's live regions (this box is not one itself). */}
      <div>
        {save.kind === 'saved' && !dirty && <Alert kind="success">Saved. Only you can see this.</Alert>}
        {save.kind === 'error' && save.error.status === 409 && (
          <Alert kind="warning">
            This was changed in another tab or on another device since you opened it. Your changes are still on this
            screen. Copy anything you want to keep, then{' '}
            <Button variant="link" onClick={onReload}>
              load the latest version
            </Button>
            .
          </Alert>
        )}
        {save.kind === 'error' && save.error.status === 422 && (
          <Alert kind="error">
            <p>Some answers need a change before we can save:</p>
            <ul>
              {save.error.fields.map((f) => (
                <li key={f.field}>
                  {where(f.field)}: {f.message}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {save.kind === 'error' && save.error.status !== 409 && save.error.status !== 422 && (
          <Alert kind="error">{save.error.message}</Alert>
        )}
      </div>
      <div className="actions">
        <Button onClick={onSave} disabled={save.kind === 'saving'}>
          {save.kind === 'saving' ? 'Saving…' : label}
        </Button>
        {dirty && <span className="field__hint">You have unsaved changes.</span>}
      </div>
    </div>
  );
}
