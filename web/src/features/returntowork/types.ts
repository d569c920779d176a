// API shapes of /api/return-to-work (mirror functions/domain/returntowork/schema.ts and guide.ts).
export interface ScheduleWeek {
  weekStarting: string;
  hours: number;
  note: string;
}
export interface WarningSign {
  sign: string;
  whatToDo: string;
}
export interface SupportPerson {
  name: string;
  role: string;
  canHelpWith: string;
  contact: string;
}
export interface ChosenStrategy {
  strategyId: string;
  note: string;
}
export interface AdjustmentRequest {
  what: string;
  why: string;
}
export interface PlanDocument {
  plan: {
    returnDate: string | null;
    contractHoursPerWeek: number | null;
    goals: string;
    firstDay: string;
    firstWeeks: string;
    schedule: ScheduleWeek[];
    warningSigns: WarningSign[];
  };
  network: SupportPerson[];
  strategies: ChosenStrategy[];
  adjustments: {
    yourName: string;
    addressedTo: string;
    situation: string;
    requests: AdjustmentRequest[];
    review: string;
  };
}
export interface PlanView extends PlanDocument {
  version: number | null;
  updatedAt: string | null;
}
export interface Guide {
  roles: { id: string; label: string; canHelpWith: string }[];
  strategies: { id: string; title: string; when: string; tryThis: string; modules: { id: string; title: string }[] }[];
  limits: {
    shortText: number;
    name: number;
    longText: number;
    note: number;
    scheduleWeeks: number;
    warningSigns: number;
    network: number;
    strategies: number;
    adjustments: number;
    maxHoursPerWeek: number;
  };
}
