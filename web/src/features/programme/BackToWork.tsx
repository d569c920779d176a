// The "back to work" step after a reflective exercise: an optional short grounding (60–120 s), "park a thought for
// later", and a gentle hand-back to work. Every part can be skipped.
import { useEffect, useId, useRef, useState } from 'react';
import type { BackToWork as BackToWorkContent } from '../../../../functions/contract';
import { type ApiError, api } from '../../app/api';
import { Link } from '../../app/router';
import { Alert, Button, Card, focusWhenReady } from '../../app/ui';
import { clientId } from './shared';

type Grounding = BackToWorkContent['groundings'][number];

function GroundingTimer({ grounding, onEnd }: { grounding: Grounding; onEnd: () => void }) {
  const [step, setStep] = useState(0);
  const [left, setLeft] = useState(grounding.steps[0]!.seconds);
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  useEffect(() => {
    const t = setInterval(() => {
      setLeft((s) => {
        if (s > 1) return s - 1;
        setStep((i) => {
          if (i + 1 >= grounding.steps.length) {
            clearInterval(t);
            setTimeout(() => endRef.current(), 0);
            return i;
          }
          setLeft(grounding.steps[i + 1]!.seconds);
          return i + 1;
        });
        return 0;
      });
    }, 1000);
    return () => clearInterval(t);
  }, [grounding]);
  return (
    <div className="grounding">
      <p className="caption" aria-live="polite">
        {grounding.steps[step]!.text}
      </p>
      <p className="field__hint">
        Step {step + 1} of {grounding.steps.length} · {left} s
      </p>
      <Button variant="secondary" onClick={onEnd} id="grounding-stop">
        Stop
      </Button>
    </div>
  );
}

export function BackToWork({ content, onDone }: { content: BackToWorkContent; onDone: () => void }) {
  const textId = useId();
  const [active, setActive] = useState<Grounding | null>(null);
  const [grounded, setGrounded] = useState(false);
  const [thought, setThought] = useState('');
  const [parkedText, setParkedText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [thoughtId] = useState(() => clientId('parked'));
  const handBack = content.handBack[new Date().getDate() % content.handBack.length]!;

  async function park() {
    if (!thought.trim()) {
      setError('Write the thought first, or skip this part.');
      return;
    }
    try {
      await api.post('programme/parked', { thoughtId, text: thought.trim() });
      setParkedText(thought.trim());
      setError(null);
      focusWhenReady('parked-result'); // the box and its button go: focus moves to the result
    } catch (err) {
      setError((err as ApiError).message);
    }
  }

  return (
    <Card className="back-to-work">
      <h2 className="card__title" id="btw-title">
        Before you go back to work
      </h2>
      <p>{content.intro}</p>

      <h3>Take a moment to settle</h3>
      {active ? (
        <GroundingTimer
          grounding={active}
          onEnd={() => {
            // the Stop button goes: focus returns to the grounding that was running
            focusWhenReady(`grounding-${active.id}`);
            setActive(null);
            setGrounded(true);
          }}
        />
      ) : (
        <ul className="grounding-list">
          {content.groundings.map((g) => (
            <li key={g.id}>
              <Button
                variant="secondary"
                id={`grounding-${g.id}`}
                onClick={() => {
                  setActive(g);
                  focusWhenReady('grounding-stop'); // the list goes: focus moves to the running timer's Stop
                }}
              >
                {g.title} · {g.seconds} seconds{g.atDesk ? '' : ' (away from your desk)'}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {grounded && <p className="field__hint">Well done.</p>}

      <h3>{content.parkThought.title}</h3>
      {parkedText ? (
        <Alert kind="success" id="parked-result">
          {content.parkThought.parked} <Link to="/parked">See your parked thoughts</Link>
        </Alert>
      ) : (
        <>
          <div className="field">
            <label htmlFor={textId}>{content.parkThought.prompt}</label>
            <textarea
              id={textId}
              rows={3}
              maxLength={1000}
              placeholder={content.parkThought.placeholder}
              value={thought}
              onChange={(e) => setThought(e.target.value)}
            />
          </div>
          {error && <Alert kind="error">{error}</Alert>}
          <Button variant="secondary" onClick={() => void park()}>
            Park it
          </Button>
        </>
      )}

      <h3>Back to your day</h3>
      <p className="hand-back">{handBack}</p>
      <div className="actions">
        <Button onClick={onDone}>Back to work</Button>
      </div>
    </Card>
  );
}
