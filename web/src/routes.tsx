// Every page, home card and navigation entry of the app, as data. Pages are lazy-loaded so each role downloads
// only what it uses. Each context owns its section below; add lines only in yours.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './app/session';

export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface AppRoute {
  path: string;
  /** 'public' pages work signed out; otherwise the roles allowed. */
  roles: 'public' | readonly Role[];
  page: LazyExoticComponent<ComponentType<PageProps>>;
}

export interface HomeCard {
  roles: readonly Role[];
  /** Lower comes first. */
  order: number;
  card: LazyExoticComponent<ComponentType>;
}

export interface NavItem {
  label: string;
  to: string;
  roles: readonly Role[];
  order: number;
}

const EMPLOYEE = ['employee'] as const;
const HR = ['hr_admin'] as const;

export const ROUTES: AppRoute[] = [
  // ---- enrolment (join, sign in, help) ----
  { path: '/join/:token', roles: 'public', page: lazy(() => import('./features/enrolment/JoinPage')) },
  { path: '/sign-in', roles: 'public', page: lazy(() => import('./features/enrolment/SignInPage')) },
  { path: '/verify', roles: 'public', page: lazy(() => import('./features/enrolment/VerifyLinkPage')) },
  { path: '/help', roles: 'public', page: lazy(() => import('./features/enrolment/HelpNowPage')) },
  { path: '/privacy-promise', roles: 'public', page: lazy(() => import('./features/enrolment/PrivacyPromisePage')) },

  // ---- programme (course, diaries, questionnaires, library) ----

  // ---- reminders (preferences, unsubscribe) ----

  // ---- coaching (employee thread, coach console) ----

  // ---- employer (launch kit, permission statement, departments, managers, endorsements) ----

  // ---- stats (HR dashboard, what my employer sees) ----

  // ---- mydata (return to work, export, delete, sessions) ----
];

export const HOME_CARDS: HomeCard[] = [
  // ---- enrolment ----
  { roles: EMPLOYEE, order: 10, card: lazy(() => import('./features/enrolment/PermissionCard')) },
  { roles: HR, order: 10, card: lazy(() => import('./features/enrolment/InviteLinkCard')) },
  { roles: HR, order: 20, card: lazy(() => import('./features/enrolment/StaffInviteCard')) },

  // ---- programme ----

  // ---- reminders ----

  // ---- coaching ----

  // ---- employer ----

  // ---- stats ----

  // ---- mydata ----
];

export const NAV: NavItem[] = [
  { label: 'Home', to: '/', roles: ['employee', 'hr_admin', 'manager', 'coach'], order: 0 },
  // ---- programme ----

  // ---- reminders ----

  // ---- coaching ----

  // ---- employer ----

  // ---- stats ----

  // ---- mydata ----
];
