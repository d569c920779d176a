// A local Web Push service for tests: it holds a browser's subscription keys (a P-256 key pair and an auth secret),
// checks each push request as a real push service would (VAPID JWT per RFC 8292: ES256 over the header and claims,
// audience = this origin, expiry within 24 hours, the key in "k"), and decrypts the body as the browser would
// (RFC 8291, aes128gcm, with http_ece). It answers with `status` (201 by default; 410 plays "subscription gone").
import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as ece from 'http_ece';

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The JWT's claims, after its signature was verified with the key in the Authorization header. */
  claims: { aud: string; exp: number; sub: string };
  /** The VAPID public key the request was signed with (base64url). */
  vapidKey: string;
  payload: Record<string, unknown>;
}

export interface PushEndpoint {
  origin: string;
  /** A subscription as PushSubscription.toJSON() gives it, for one "device" (path). */
  subscription: (device: string) => { endpoint: string; keys: { p256dh: string; auth: string } };
  received: ReceivedPush[];
  /** Requests that failed a check (bad JWT, undecryptable body): must stay empty. */
  rejected: string[];
  status: Map<string, number>;
  close: () => Promise<void>;
}

const b64 = (b: Buffer) => b.toString('base64url');

function verifyVapid(auth: string | undefined, origin: string): { claims: ReceivedPush['claims']; key: string } {
  const m = /^vapid t=([^,]+),\s*k=(.+)$/.exec(auth ?? '');
  if (!m) throw new Error('Authorization is not "vapid t=…, k=…"');
  const [jwt, key] = [m[1]!, m[2]!];
  const [h, p, s] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h!, 'base64url').toString());
  if (header.alg !== 'ES256' || header.typ !== 'JWT') throw new Error(`JWT header ${JSON.stringify(header)}`);
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64(raw.subarray(1, 33)), y: b64(raw.subarray(33)) },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s!, 'base64url'),
  );
  if (!ok) throw new Error('JWT signature does not verify');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud} is not ${origin}`);
  const now = Date.now() / 1000;
  if (!(claims.exp > now - 600 && claims.exp <= now + 24 * 3600 + 600)) throw new Error('exp is not within 24 hours');
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error('sub is not mailto: or https:');
  return { claims, key };
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const devices = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  const status = new Map<string, number>();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      const device = devices.get(path);
      try {
        if (req.method !== 'POST' || !device) throw new Error(`unknown ${req.method} ${path}`);
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('content-encoding is not aes128gcm');
        if (!req.headers.ttl) throw new Error('no TTL header');
        const { claims, key } = verifyVapid(req.headers.authorization, origin);
        const plain = ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: device.ecdh,
          authSecret: device.auth,
        });
        received.push({ path, headers: req.headers, claims, vapidKey: key, payload: JSON.parse(plain.toString()) });
        res.writeHead(status.get(path) ?? 201).end();
      } catch (err) {
        rejected.push(`${path}: ${(err as Error).message}`);
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    rejected,
    status,
    subscription: (name) => {
      const path = `/push/${name}`;
      let device = devices.get(path);
      if (!device) {
        const ecdh = createECDH('prime256v1');
        ecdh.generateKeys();
        device = { ecdh, auth: randomBytes(16) };
        devices.set(path, device);
      }
      return { endpoint: origin + path, keys: { p256dh: b64(device.ecdh.getPublicKey()), auth: b64(device.auth) } };
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
