// The keyed hash an address is looked up by (sign-in, staff invites, the roster's sign-out): one rule, one place.
import { normaliseEmail } from '../../shared/crypto.js';
import type { Runtime } from '../../shared/runtime.js';

export const emailHashOf = (rt: Runtime, email: string) => rt.config.keys.pseudonym('email', normaliseEmail(email));
