// Discreet mode: neutral tab titles (so history and the tab bar say "Notes"), a plain tab icon, and captions before
// sound in listening exercises. It is on when the person turned it on for this device, or for their account (the
// account setting lives on the server, where it also makes emails and calendar files neutral; this device remembers
// the last value it saw, so it starts discreet before it has asked). Esc or the "Hide" button covers the screen at
// any time, discreet or not.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';

const DEVICE_KEY = 'respite.discreet';
const ACCOUNT_KEY = 'respite.discreet.account';
export const NEUTRAL_TITLE = 'Notes';
const ICON = './favicon.svg';
const NEUTRAL_ICON = './favicon-neutral.svg';
// Installing the app takes its name and icon from the manifest: discreet mode offers the neutral one ("Notes").
const MANIFEST = './manifest.webmanifest';
const NEUTRAL_MANIFEST = './manifest-neutral.webmanifest';

interface DiscreetValue {
  /** On for this device or for the account: what the app applies. */
  discreet: boolean;
  /** The device choice (this browser only). */
  device: boolean;
  setDevice: (on: boolean) => void;
  /** The account choice as last read from or saved to the server. */
  account: boolean;
  setAccount: (on: boolean) => void;
  hidden: boolean;
  hide: () => void;
  unhide: () => void;
}

const stored = (key: string) => {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
};
const store = (key: string, on: boolean) => {
  try {
    localStorage.setItem(key, on ? '1' : '0');
  } catch {
    // storage refused (private mode): the choice lasts for this visit
  }
};

/** The tab icon, the home-screen icon and the installed name: the app's own, or plain grey ones named "Notes". */
function applyIcon(neutral: boolean) {
  const set = (selector: string, href: string) => {
    const link = document.querySelector<HTMLLinkElement>(selector);
    if (link && link.getAttribute('href') !== href) link.setAttribute('href', href);
  };
  set('link[rel="icon"]', neutral ? NEUTRAL_ICON : ICON);
  set('link[rel="manifest"]', neutral ? NEUTRAL_MANIFEST : MANIFEST);
  set('link[rel="apple-touch-icon"]', neutral ? './icons/icon-neutral-192.png' : './icons/icon-192.png');
  const theme = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  theme?.setAttribute('content', neutral ? '#6b7280' : '#2f6f62');
}

// Before the first render: a discreet device never shows the app's name or icon, not even while the page loads.
if (typeof document !== 'undefined' && (stored(DEVICE_KEY) || stored(ACCOUNT_KEY))) {
  document.title = NEUTRAL_TITLE;
  applyIcon(true);
}

const DiscreetContext = createContext<DiscreetValue | null>(null);

export function DiscreetProvider({ children }: { children: ReactNode }) {
  const [device, setDeviceState] = useState(() => stored(DEVICE_KEY));
  const [account, setAccountState] = useState(() => stored(ACCOUNT_KEY));
  const [hidden, setHidden] = useState(false);
  const setDevice = useCallback((on: boolean) => {
    store(DEVICE_KEY, on);
    setDeviceState(on);
  }, []);
  const setAccount = useCallback((on: boolean) => {
    store(ACCOUNT_KEY, on);
    setAccountState(on);
  }, []);
  const discreet = device || account;
  const hide = useCallback(() => setHidden(true), []);
  const unhide = useCallback(() => setHidden(false), []);
  useEffect(() => applyIcon(discreet || hidden), [discreet, hidden]);
  // The service worker shows reminder notifications: on a discreet device they are neutral whatever the account says.
  useEffect(() => navigator.serviceWorker?.controller?.postMessage({ type: 'discreet', on: discreet }), [discreet]);
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
    <DiscreetContext.Provider value={{ discreet, device, setDevice, account, setAccount, hidden, hide, unhide }}>
      <div className="app-frame" inert={hidden}>
        {children}
      </div>
      {hidden && (
        <div
          className="quick-hide"
          role="dialog"
          aria-modal="true"
          aria-label="Hidden screen"
          tabIndex={-1}
          ref={cover}
          onClick={unhide}
        >
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
