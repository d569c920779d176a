// Discreet mode (this device only): a neutral tab title, and a quick-hide screen on Esc or the "Hide" button.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'respite.discreet';
const NEUTRAL_TITLE = 'Notes';

interface DiscreetValue {
  discreet: boolean;
  setDiscreet: (on: boolean) => void;
  hidden: boolean;
  hide: () => void;
  unhide: () => void;
}

const DiscreetContext = createContext<DiscreetValue | null>(null);

export function DiscreetProvider({ children }: { children: ReactNode }) {
  const [discreet, setDiscreetState] = useState(() => localStorage.getItem(STORAGE_KEY) === '1');
  const [hidden, setHidden] = useState(false);
  const setDiscreet = useCallback((on: boolean) => {
    localStorage.setItem(STORAGE_KEY, on ? '1' : '0');
    setDiscreetState(on);
  }, []);
  const hide = useCallback(() => setHidden(true), []);
  const unhide = useCallback(() => setHidden(false), []);
  // While hidden the page behind is inert (no focus, no clicks, nothing for a screen reader) and focus sits on the
  // cover; on return it goes back to where it was.
  const cover = useRef<HTMLDivElement>(null);
  const before = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (hidden) {
      before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      cover.current?.focus();
    } else if (before.current?.isConnected) {
      before.current.focus({ preventScroll: true });
      before.current = null;
    }
  }, [hidden]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Esc hides at once; when hidden, Esc brings the page back. Dialogs that use Esc stop propagation first.
      if (e.key === 'Escape' && !e.defaultPrevented) setHidden((h) => !h);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <DiscreetContext.Provider value={{ discreet, setDiscreet, hidden, hide, unhide }}>
      <div className="app-frame" inert={hidden}>
        {children}
      </div>
      {hidden && (
        <div className="quick-hide" role="dialog" aria-modal="true" aria-label="Hidden screen" tabIndex={-1} ref={cover} onClick={unhide}>
          <p className="quick-hide__hint">Press Esc or click to return</p>
        </div>
      )}
    </DiscreetContext.Provider>
  );
}

export function useDiscreet(): DiscreetValue {
  const v = useContext(DiscreetContext);
  if (!v) throw new Error('useDiscreet outside DiscreetProvider');
  return v;
}

/** Sets the tab title; in discreet mode (or while hidden) the title is neutral. */
export function useTitle(title: string) {
  const { discreet, hidden } = useDiscreet();
  useEffect(() => {
    document.title = discreet || hidden ? NEUTRAL_TITLE : `${title} · Respite`;
  }, [title, discreet, hidden]);
}
