// Scheduled every 15 minutes (functions/contexts.ts): queue what is due in this slot. EventBridge Scheduler sends
// {"scheduledTime": "<slot time>"}; the local scheduler and tests send the same. Runs under the job lease
// (functions/shared/tick.ts), so a retried tick never overlaps the next one. Reminders whose channel is push go out
// as notifications (domain/delivery/push.ts).
import { sendPushReminders } from '../domain/delivery/push.js';
import { runTick } from '../domain/reminders/dispatcher.js';
import { scheduledJob } from '../shared/tick.js';

export const handler = scheduledJob('reminders-tick', (rt, tick) => runTick(rt, tick.scheduledTime, sendPushReminders));
