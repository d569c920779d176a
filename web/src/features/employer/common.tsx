// Pieces shared by the employer pages: dates, a copy button and a problem list.
import { useState } from 'react';
import type { ApiError } from '../../app/api';
import { Alert, Button } from '../../app/ui';
import './employer.css';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
export const longDate = (iso: string) => dateFormat.format(new Date(iso));

export const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? 'Copied' : label}
    </Button>
  );
}

/** An error with every field problem listed (e.g. each malformed line of an address list). */
export function ProblemList({ error, field }: { error: ApiError; field?: string }) {
  const problems = error.fields.filter((f) => !field || f.field === field);
  return (
    <Alert kind="error">
      {problems.length > 1 ? (
        <>
          <p>Please fix these and try again:</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field} ${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{problems[0]?.message ? capitalise(problems[0].message) : error.message}</p>
      )}
    </Alert>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
