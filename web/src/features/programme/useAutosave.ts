// Autosave for exercise answers: every change is kept on this device at once (localStorage) and sent to the server
// after a short pause, one request at a time. The device copy is removed only when the server has confirmed the
// same answers, so nothing typed is lost on refresh, a closed tab or a network error.
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, api, isQueued } from '../../app/api';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'offline' | 'invalid';
export type Answers = Record<string, unknown>;

const DEBOUNCE_MS = 800;
const RETRY_MS = 5000;
const storageKey = (moduleId: string, sectionId: string) => `respite.unsent.${moduleId}.${sectionId}`;

function readLocal(key: string): Answers | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Answers) : null;
  } catch {
    return null;
  }
}

export function useAutosave(moduleId: string, sectionId: string, fromServer: Answers | undefined) {
  const key = storageKey(moduleId, sectionId);
  const [initial] = useState(() => readLocal(key));
  const [answers, setAnswers] = useState<Answers>(() => initial ?? fromServer ?? {});
  const [status, setStatus] = useState<SaveStatus>(initial ? 'unsaved' : 'saved');
  const [message, setMessage] = useState<string | null>(null);
  const pending = useRef<Answers | null>(initial);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) {
      await inFlight.current;
      if (pending.current) return flush();
      return;
    }
    const sending = pending.current;
    if (!sending) return;
    pending.current = null;
    setStatus('saving');
    let failed = false;
    const run = (async () => {
      try {
        const reply = await api.put(`programme/modules/${moduleId}/sections/${sectionId}/answers`, {
          answers: sending,
        });
        if (isQueued(reply)) {
          // Offline, kept by the service worker: it sends them when the network is back (the device copy stays too).
          if (!pending.current) {
            setStatus('offline');
            setMessage(
              "You're offline. Your answers are saved on this device and will be sent when you're back online.",
            );
          }
          return;
        }
        if (!pending.current) {
          // Only forget the device copy if it is what the server now holds.
          if (localStorage.getItem(key) === JSON.stringify(sending)) localStorage.removeItem(key);
          setStatus('saved');
          setMessage(null);
        }
      } catch (err) {
        pending.current ??= sending;
        failed = true;
        const e = err as ApiError;
        if (e.status === 422 || e.status === 400) {
          setStatus('invalid');
          setMessage(e.fields.map((f) => f.message).join('; ') || e.message);
        } else {
          setStatus('offline');
          setMessage("Not saved yet. Your answers are kept on this device and we'll keep trying.");
          timer.current = setTimeout(() => void flush(), RETRY_MS);
        }
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
    // Typing during the request: send the newer answers next (after a failure the retry timer or the next change does).
    if (pending.current && !failed) timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [key, moduleId, sectionId]);

  const change = useCallback(
    (next: Answers) => {
      setAnswers(next);
      localStorage.setItem(key, JSON.stringify(next));
      pending.current = next;
      setStatus('unsaved');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush, key],
  );

  // An unsent copy from an earlier visit is sent straight away; anything pending is sent when leaving.
  useEffect(() => {
    if (pending.current) void flush();
    return () => {
      clearTimeout(timer.current);
      if (pending.current) void flush();
    };
  }, [flush]); // flush changes only with the section, and this hook's state belongs to one section

  return { answers, change, status, message, flush };
}
