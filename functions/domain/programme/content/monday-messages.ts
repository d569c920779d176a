// The Monday messages, used as they are (validated by the content tests, like the rest of the content in index.ts).
// Kept apart so that only the email sender bundles them.

import mondayMessages from './monday-messages.json' with { type: 'json' };
import type { MondayMessage } from './schema.js';

export const MONDAY_MESSAGES: readonly MondayMessage[] = Object.freeze(mondayMessages as MondayMessage[]);

/** The Monday message for the n-th week a person receives it (1-based); the list rotates when it runs out. */
export function mondayMessageForWeek(n: number): MondayMessage {
  const count = MONDAY_MESSAGES.length;
  const index = (((Math.trunc(n) - 1) % count) + count) % count;
  return MONDAY_MESSAGES[index]!;
}
