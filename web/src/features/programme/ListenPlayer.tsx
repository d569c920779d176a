// "Listen": reads a script aloud with the browser's speech synthesis, one caption at a time, with each line's quiet
// pause after it. Captions-only mode (the default in discreet mode, or when the browser has no voice) steps through
// the same lines silently at speaking pace (listenTiming.ts), so a practice takes its stated time either way. If the
// browser turns out to have no working voice (speech fails, or ends at once), the player says so and carries on
// in captions.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDiscreet } from '../../app/discreet';
import { Button } from '../../app/ui';
import { captionMs, SPEECH_RATE } from './listenTiming';
import type { ScriptLine } from './shared';

const canSpeak = () =>
  typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';

type Spoken = 'spoken' | 'stopped' | 'no-voice';

/** `compact` (reading aloud a part that is already on the page): captions appear only once started, no script copy. */
export function ListenPlayer({
  script,
  label = 'Listen',
  compact = false,
}: {
  script: ScriptLine[];
  label?: string;
  compact?: boolean;
}) {
  const { discreet } = useDiscreet();
  const [voice, setVoice] = useState(canSpeak);
  const [withSound, setWithSound] = useState(() => !discreet && canSpeak());
  const [index, setIndex] = useState(-1);
  const [pause, setPause] = useState(0);
  const [playing, setPlaying] = useState(false);
  const run = useRef(0);

  const stop = useCallback(() => {
    run.current++;
    setPlaying(false);
    setPause(0);
    if (canSpeak()) window.speechSynthesis.cancel();
  }, []);
  useEffect(() => stop, [stop]); // stop speaking when the player goes

  const wait = (ms: number, token: number) =>
    new Promise<boolean>((resolve) => setTimeout(() => resolve(run.current === token), ms));

  /** Speaks a line; 'no-voice' when the browser cannot (an error, or "done" far sooner than the words take). */
  function speak(text: string, token: number) {
    return new Promise<Spoken>((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = 'en-GB';
      u.rate = SPEECH_RATE;
      const started = Date.now();
      u.onend = () =>
        resolve(run.current !== token ? 'stopped' : Date.now() - started < captionMs(text) / 5 ? 'no-voice' : 'spoken');
      u.onerror = (e) =>
        resolve(run.current !== token || e.error === 'interrupted' || e.error === 'canceled' ? 'stopped' : 'no-voice');
      window.speechSynthesis.speak(u);
    });
  }

  async function play() {
    stop();
    const token = ++run.current;
    setPlaying(true);
    let sound = withSound && voice;
    const start = index >= 0 && index < script.length - 1 ? index : 0; // the player is keyed by section, so index fits this script
    for (let i = start; i < script.length; i++) {
      setIndex(i);
      const line = script[i]!;
      if (sound) {
        const spoken = await speak(line.text, token);
        if (spoken === 'stopped') return;
        if (spoken === 'no-voice') {
          sound = false;
          setVoice(false);
          setWithSound(false);
          if (!(await wait(captionMs(line.text), token))) return;
        }
      } else if (!(await wait(captionMs(line.text), token))) return;
      if (line.pauseAfterSeconds) {
        setPause(line.pauseAfterSeconds);
        const ok = await wait(line.pauseAfterSeconds * 1000, token);
        setPause(0);
        if (!ok) return;
      }
    }
    if (run.current === token) setPlaying(false);
  }

  return (
    <div className="listen">
      <div className="actions">
        {playing ? (
          <Button onClick={stop}>Pause</Button>
        ) : (
          <Button onClick={() => void play()}>{index > 0 && index < script.length - 1 ? 'Carry on' : label}</Button>
        )}
        <label className="choice">
          <input
            type="checkbox"
            checked={!withSound}
            disabled={!voice}
            onChange={(e) => setWithSound(!e.target.checked)}
          />
          <span>Captions only, no sound</span>
        </label>
      </div>
      {!voice && (
        <p className="listen__note" data-testid="no-voice">
          This browser can’t read aloud here, so the words appear as captions at a speaking pace, with the same quiet
          pauses.
          {compact ? '' : ' You can also read the whole script below.'}
        </p>
      )}
      {(!compact || index >= 0) && (
        <p className="caption" aria-live="polite" data-testid="caption">
          {script[index]?.text ?? 'Press the button to begin. The words appear here as captions.'}
        </p>
      )}
      {script.some((l) => l.pauseAfterSeconds) && (
        <p className="listen__pause" data-testid="pause">
          {pause > 0 ? `Quiet for ${pause} seconds…` : ''}
        </p>
      )}
      {!compact && (
        <details className="script">
          <summary>Read the whole script</summary>
          <ol>
            {script.map((l, i) => (
              <li key={i} aria-current={i === index ? 'step' : undefined}>
                {l.text}
                {l.pauseAfterSeconds ? (
                  <span className="script__pause"> (pause, {l.pauseAfterSeconds} seconds)</span>
                ) : null}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
