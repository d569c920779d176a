// "Listen": reads a script aloud with the browser's speech synthesis, one caption at a time. Captions-only mode
// (the default in discreet mode, or when the browser has no voice) steps through the lines silently.
import { useEffect, useRef, useState } from 'react';
import { useDiscreet } from '../../app/discreet';
import { Button } from '../../app/ui';
import type { ScriptLine } from './shared';

const canSpeak = () => typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
/** Reading time for a caption when not speaking: about 3 words a second, at least 3 seconds. */
const captionMs = (text: string) => Math.max(3000, (text.split(/\s+/).length / 3) * 1000);

export function ListenPlayer({ script, label = 'Listen' }: { script: ScriptLine[]; label?: string }) {
  const { discreet } = useDiscreet();
  const [withSound, setWithSound] = useState(() => !discreet && canSpeak());
  const [index, setIndex] = useState(-1);
  const [playing, setPlaying] = useState(false);
  const run = useRef(0);

  useEffect(() => () => stop(), []);

  function stop() {
    run.current++;
    setPlaying(false);
    if (canSpeak()) window.speechSynthesis.cancel();
  }

  const wait = (ms: number, token: number) =>
    new Promise<boolean>((resolve) => setTimeout(() => resolve(run.current === token), ms));

  function speak(text: string, token: number) {
    return new Promise<boolean>((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = 'en-GB';
      u.rate = 0.9;
      const done = () => resolve(run.current === token);
      u.onend = done;
      u.onerror = done;
      window.speechSynthesis.speak(u);
    });
  }

  async function play() {
    stop();
    const token = ++run.current;
    setPlaying(true);
    const start = index >= 0 && index < script.length - 1 ? index : 0; // the player is keyed by section, so index fits this script
    for (let i = start; i < script.length; i++) {
      setIndex(i);
      const line = script[i]!;
      const ok = withSound && canSpeak() ? await speak(line.text, token) : await wait(captionMs(line.text), token);
      if (!ok) return;
      if (line.pauseAfterSeconds && !(await wait(line.pauseAfterSeconds * 1000, token))) return;
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
          <input type="checkbox" checked={!withSound} disabled={!canSpeak()} onChange={(e) => setWithSound(!e.target.checked)} />
          <span>Captions only, no sound</span>
        </label>
      </div>
      <p className="caption" aria-live="polite" data-testid="caption">
        {script[index]?.text ?? 'Press the button to begin. The words appear here as captions.'}
      </p>
      <details className="script">
        <summary>Read the whole script</summary>
        <ol>
          {script.map((l, i) => (
            <li key={i} aria-current={i === index ? 'step' : undefined}>
              {l.text}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
