// Emails a person asked for this minute (sign-in codes) or that HR sent once (staff invitations) are sent straight
// away, not through the outbox queue; they still respect a hard bounce or a complaint on the address, as every other
// email does. (An unsubscribe does not stop them: they are not promotional.) The caller's answer never says whether
// anything was sent, so skipping one reveals nothing.
import { type OutgoingEmail, sendEmail } from '../../shared/email.js';
import type { Runtime } from '../../shared/runtime.js';
import { addressHash, suppressionReason } from './repository.js';

export async function sendTransactional(rt: Runtime, email: OutgoingEmail): Promise<void> {
  const reason = await suppressionReason(rt.db, addressHash(rt, email.to));
  if (reason === 'bounce' || reason === 'complaint') return;
  await sendEmail(rt, email);
}
