// http_ece 1.2.1 ships no types: the part the push test uses (RFC 8188 / RFC 8291 decryption as a browser does it).
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  export function decrypt(
    buffer: Buffer,
    params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer | string },
  ): Buffer;
}
