// What the operator's pages read from /api/coaching/operator/* (functions/domain/coaching/operator.ts).
import './operator.css';

export interface CoachingHours {
  days: number[];
  start: string;
  end: string;
  timeZone: string;
  closedDates: string[];
}

export interface ServiceView {
  version: number;
  seed: boolean;
  updatedAt: string | null;
  coaches: { email: string; lead: boolean }[];
  hours: CoachingHours;
}

export interface Health {
  period: string;
  suppressedBelow: number;
  openThreads: number | null;
  overdue: number | null;
  alertsSent: number | null;
  replies: number | null;
  percentWithinPromise: number | null;
  medianReplyMinutes: number | null;
  replyWithinWorkingHours: number;
}

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
