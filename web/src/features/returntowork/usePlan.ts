// Loads and saves the return-to-work plan. Saves send the version they were based on, so a save from an older tab
// gets a 409 and the person is told, instead of one tab silently overwriting the other.
import { useCallback, useEffect, useState } from 'react';
import type { Guide, PlanDocument, PlanView } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { useApi } from '../../app/useApi';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; error: ApiError };

export function usePlan() {
  const guide = useApi<Guide>('return-to-work/guide');
  const plan = useApi<PlanView>('return-to-work/plan');
  const [doc, setDoc] = useState<PlanDocument | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [dirty, setDirty] = useState(false);

  // Every answer (the first, and each reload after a conflict) replaces what is being edited.
  useEffect(() => {
    if (!plan.data) return;
    const { version: v, updatedAt: _updated, ...rest } = plan.data;
    setDoc(rest);
    setVersion(v);
    setDirty(false);
    setSave({ kind: 'idle' });
  }, [plan.data]);

  const { reload: reloadGuide } = guide;
  const { reload: reloadPlan } = plan;
  const reload = useCallback(async () => {
    await Promise.all([reloadGuide(), reloadPlan()]);
  }, [reloadGuide, reloadPlan]);

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

  const loadError = guide.error ?? plan.error;
  return { guide: guide.data, doc, loadError, save, dirty, update, saveNow, reload, fieldError };
}

export const formatLimit = (n: number) => n.toLocaleString('en-GB');
