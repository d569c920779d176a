// Loads and saves the return-to-work plan. Saves send the version they were based on, so a save from an older tab
// gets a 409 and the person is told, instead of one tab silently overwriting the other.
import { useCallback, useEffect, useState } from 'react';
import type { Guide, PlanDocument, PlanView } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; error: ApiError };

export function usePlan() {
  const [guide, setGuide] = useState<Guide | null>(null);
  const [doc, setDoc] = useState<PlanDocument | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [dirty, setDirty] = useState(false);

  const load = useCallback(async () => {
    try {
      const [g, p] = await Promise.all([
        api.get<Guide>('return-to-work/guide'),
        api.get<PlanView>('return-to-work/plan'),
      ]);
      const { version: v, updatedAt: _updated, ...rest } = p;
      setGuide(g);
      setDoc(rest);
      setVersion(v);
      setDirty(false);
      setSave({ kind: 'idle' });
    } catch (err) {
      setLoadError(err as ApiError);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const update = useCallback((change: (d: PlanDocument) => PlanDocument) => {
    setDoc((d) => (d ? change(d) : d));
    setDirty(true);
  }, []);

  const saveNow = useCallback(async () => {
    if (!doc) return;
    setSave({ kind: 'saving' });
    try {
      const saved = await api.put<PlanView>('return-to-work/plan', { version, ...doc });
      setVersion(saved.version);
      setDirty(false);
      setSave({ kind: 'saved', at: saved.updatedAt ?? '' });
    } catch (err) {
      setSave({ kind: 'error', error: err as ApiError });
    }
  }, [doc, version]);

  /** The message for one field, by its path inside the body, e.g. "plan.schedule.1.hours". */
  const fieldError = (path: string) =>
    save.kind === 'error' ? save.error.fields.find((f) => f.field === `body.${path}`)?.message : undefined;

  return { guide, doc, loadError, save, dirty, update, saveNow, reload: load, fieldError };
}

export const formatLimit = (n: number) => n.toLocaleString('en-GB');
