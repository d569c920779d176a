// Fault injection in front of the real local SES: a proxy that answers SendEmail with SES's throttling error
// (HTTP 429, TooManyRequestsException) the first `throttlesPerAddress` times an address is sent to, and passes every
// other request (and every later send) through to aws-ses-v2-local unchanged.
import { createServer } from 'node:http';

export interface ThrottlingSes {
  endpoint: string;
  /** How many SendEmail calls were answered with a throttle. */
  throttled: () => number;
  close: () => Promise<void>;
}

export async function startThrottlingSes(
  target: string,
  opts: { throttlesPerAddress: number; applies: (to: string) => boolean },
): Promise<ThrottlingSes> {
  const seen = new Map<string, number>();
  let throttled = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (req.method === 'POST' && req.url === '/v2/email/outbound-emails') {
      const to = String(
        (JSON.parse(body.toString('utf8')) as { Destination?: { ToAddresses?: string[] } }).Destination
          ?.ToAddresses?.[0] ?? '',
      );
      const n = seen.get(to) ?? 0;
      if (opts.applies(to) && n < opts.throttlesPerAddress) {
        seen.set(to, n + 1);
        throttled += 1;
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
        res.end(JSON.stringify({ message: 'Maximum sending rate exceeded.' }));
        return;
      }
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
    ) as Record<string, string>;
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return {
    endpoint: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
    throttled: () => throttled,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
