// Scheduled every 15 minutes (functions/contexts.ts): queue what is due in this slot. EventBridge Scheduler sends
// {"scheduledTime": "<slot time>"}; the local scheduler and tests send the same.
import * as z from '../shared/zod.js';
import { runTick } from '../domain/reminders/dispatcher.js';
import { runtime } from '../shared/runtime.js';

const TickEvent = z.object({ scheduledTime: z.iso.datetime({ offset: true }) });

export async function handler(event: unknown) {
  const { scheduledTime } = TickEvent.parse(event);
  return runTick(await runtime(), new Date(scheduledTime));
}
