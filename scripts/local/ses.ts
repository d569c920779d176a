// aws-ses-v2-local: a real SES v2 API emulator with a web inbox (GET / ) and a JSON store (GET /store).
import sesLocal from 'aws-ses-v2-local';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export async function startSesLocal(port: number, host = '127.0.0.1'): Promise<{ close: () => void }> {
  const start = ((sesLocal as unknown as { default?: unknown }).default ?? sesLocal) as (o: {
    port: number;
    host: string;
  }) => Promise<{ close: () => void }>;
  return start({ port, host });
}

/** What a mail client shows for a header: RFC 2047 UTF-8 "B" encoded-words decoded (the sender encodes them). */
export function decodeHeaderText(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

/** The local inbox as a mail client shows it (subjects and sender names decoded); `rawSubject` is what was sent. */
export async function readInbox(sesEndpoint: string): Promise<(StoredEmail & { rawSubject: string })[]> {
  const res = await fetch(`${sesEndpoint}/store`);
  const data = (await res.json()) as { emails: StoredEmail[] };
  return data.emails.map((m) => ({
    ...m,
    rawSubject: m.subject,
    subject: decodeHeaderText(m.subject),
    from: decodeHeaderText(m.from),
  }));
}

export async function clearInbox(sesEndpoint: string): Promise<void> {
  await fetch(`${sesEndpoint}/clear-store`, { method: 'POST' });
}
