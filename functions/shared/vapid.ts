// The VAPID key pair (RFC 8292) that signs Web Push requests, derived with HKDF (its own salt and info, so it is
// independent of every keyring.ts key) from the pseudonymisation key root (config.ts: Secrets Manager in AWS,
// plaintext locally). That root is the right home: like it, the VAPID pair must never change (every browser's
// subscription is bound to the public key) and must live as long as the table that holds the subscriptions (it is
// retained with it). A P-256 private key is any 32-byte number below the curve order, so the root alone fixes the
// pair. The public key goes to browsers as the push subscription's applicationServerKey.
import { createECDH, hkdfSync } from 'node:crypto';

export interface VapidKeys {
  /** Uncompressed P-256 point, base64url (65 bytes): what browsers subscribe with. */
  publicKey: string;
  /** The private scalar, base64url (32 bytes). */
  privateKey: string;
}

/** The order n of the P-256 group: a private key must be in [1, n-1]. */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const SALT = Buffer.from('respite vapid v1');

export function deriveVapidKeys(root: string): VapidKeys {
  // One counter in a billion-billion derivations lands outside [1, n-1]; then the next counter is used.
  for (let counter = 0; ; counter++) {
    const d = Buffer.from(hkdfSync('sha256', Buffer.from(root, 'utf8'), SALT, `vapid:${counter}`, 32));
    const value = BigInt(`0x${d.toString('hex')}`);
    if (value === 0n || value >= P256_ORDER) continue;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(d);
    return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: d.toString('base64url') };
  }
}
