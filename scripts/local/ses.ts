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
  const start = ((sesLocal as unknown as { default?: unknown }).default ?? sesLocal) as (o: { port: number; host: string }) => Promise<{ close: () => void }>;
  return start({ port, host });
}

export async function readInbox(sesEndpoint: string): Promise<StoredEmail[]> {
  const res = await fetch(`${sesEndpoint}/store`);
  const data = (await res.json()) as { emails: StoredEmail[] };
  return data.emails;
}

export async function clearInbox(sesEndpoint: string): Promise<void> {
  await fetch(`${sesEndpoint}/clear-store`, { method: 'POST' });
}
