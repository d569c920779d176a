// Reminders as notifications on this device (Web Push), instead of email. Opt-in twice over: the browser asks for
// permission, and reminders go by notification only once the person picks it. The subscription is stored with their
// account (it is in "Your data" and goes when the account is deleted); turning it off here removes it. In discreet
// mode a notification says only "Your reminder", with a plain grey icon.
import { useEffect, useState } from 'react';
import type { PreferencesView, PushView } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Alert, Button, Card } from '../../app/ui';
import { useApi } from '../../app/useApi';

export type Channel = PreferencesView['preferences']['channel'];

const supported = () =>
  typeof window !== 'undefined' &&
  window.isSecureContext &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

const keyBytes = (b64url: string) => {
  const bin = atob(b64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};
const sameKey = (sub: PushSubscription, publicKey: string) => {
  const key = sub.options.applicationServerKey;
  if (!key) return false;
  const have = new Uint8Array(key);
  const want = keyBytes(publicKey);
  return have.length === want.length && have.every((b, i) => b === want[i]);
};

async function registration(): Promise<ServiceWorkerRegistration | null> {
  const { registerServiceWorker } = await import('../../app/pwa');
  return registerServiceWorker();
}

export function PushSettings({ channel, onChannel }: { channel: Channel; onChannel: (c: Channel) => void }) {
  // Not loaded or failed: nothing shows (email only), as when the organisation has not set notifications up.
  const { data: view, setData: setView } = useApi<PushView>('reminders/push');
  const [here, setHere] = useState<PushSubscription | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const publicKey = view?.publicKey;

  // Whether this device already receives them: its subscription, made with the organisation's current key.
  useEffect(() => {
    if (!publicKey || !supported()) return;
    let live = true;
    void (async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const sub = (await reg?.pushManager.getSubscription()) ?? null;
      if (live) setHere(sub && sameKey(sub, publicKey) ? sub : null);
    })();
    return () => {
      live = false;
    };
  }, [publicKey]);

  if (!view?.publicKey) return null; // not set up for this organisation: email only

  const setChannel = async (next: Channel) => {
    const saved = await api.put<{ preferences: { channel: Channel } }>('reminders/channel', { channel: next });
    onChannel(saved.preferences.channel);
  };

  const turnOn = async () => {
    setBusy(true);
    setMessage(null);
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        setMessage({
          kind: 'error',
          text: 'Notifications are blocked for this site. You can allow them in your browser’s site settings.',
        });
        return;
      }
      const reg = await registration();
      if (!reg) throw new Error('no service worker');
      // A subscription made with an older key (the organisation's key changed) is replaced.
      const old = await reg.pushManager.getSubscription();
      if (old && !sameKey(old, view.publicKey!)) await old.unsubscribe();
      const sub = await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(view.publicKey!),
      });
      setView(await api.put<PushView>('reminders/push/subscription', sub.toJSON()));
      setHere(sub);
      await setChannel('push');
      setMessage({
        kind: 'success',
        text: 'Notifications are on for this device. Reminders now come as notifications.',
      });
    } catch (err) {
      setMessage({
        kind: 'error',
        text:
          (err as ApiError).status > 0
            ? (err as ApiError).message
            : 'This browser could not turn notifications on. Your reminders still come by email.',
      });
    } finally {
      setBusy(false);
    }
  };

  const turnOff = async () => {
    if (!here) return;
    setBusy(true);
    setMessage(null);
    try {
      const endpoint = here.endpoint;
      await here.unsubscribe().catch(() => undefined);
      const v = await api.post<PushView>('reminders/push/remove', { endpoint });
      setView(v);
      setHere(null);
      if (v.devices === 0 && channel === 'push') await setChannel('email');
      setMessage({ kind: 'success', text: 'Notifications are off for this device.' });
    } catch (err) {
      setMessage({ kind: 'error', text: (err as ApiError).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Notifications on this device">
      <p>
        Instead of an email, your reminder can appear as a notification on your phone or computer. In discreet mode it
        says only “Your reminder”.
      </p>
      {!supported() ? (
        <p>
          This browser cannot show notifications from here. On an iPhone or iPad, add this app to your Home Screen first
          (Share, then Add to Home Screen) and open it from there.
        </p>
      ) : here ? (
        <Button variant="secondary" onClick={() => void turnOff()} disabled={busy}>
          Turn off notifications on this device
        </Button>
      ) : (
        <Button onClick={() => void turnOn()} disabled={busy}>
          Turn on notifications on this device
        </Button>
      )}
      {view.devices > 0 && (
        <fieldset className="rem-group">
          <legend>Send my reminders by</legend>
          <label className="rem-choice">
            <input
              type="radio"
              name="channel"
              checked={channel === 'email'}
              onChange={() => void setChannel('email')}
            />
            <span>Email</span>
          </label>
          <label className="rem-choice">
            <input type="radio" name="channel" checked={channel === 'push'} onChange={() => void setChannel('push')} />
            <span>Notification ({view.devices === 1 ? 'on 1 device' : `on ${view.devices} devices`})</span>
          </label>
        </fieldset>
      )}
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
    </Card>
  );
}
