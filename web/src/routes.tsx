// Every page, home card and navigation entry of the app, as data. Pages are lazy-loaded so each role downloads
// only what it uses. Each context owns its section below; add lines only in yours.
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { Role } from '../../functions/contract';

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
  /** 'more': settings and privacy pages, listed under "More" so the main row stays short (shown inline if alone). */
  group?: 'more';
  /** An API path answering { unread: boolean }: the entry then says "1 unread" (text and name, not colour alone). */
  unread?: string;
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
  { path: '/course', roles: EMPLOYEE, page: lazy(() => import('./features/programme/CoursePage')) },
  { path: '/course/:moduleId', roles: EMPLOYEE, page: lazy(() => import('./features/programme/ModulePage')) },
  {
    path: '/diary',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/diary').then((m) => ({ default: m.DiaryPage }))),
  },
  {
    path: '/diary/new/:kind',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/diary').then((m) => ({ default: m.NewDiaryEntryPage }))),
  },
  {
    path: '/diary/:entryId',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/diary').then((m) => ({ default: m.DiaryEntryPage }))),
  },
  {
    path: '/check-ins',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/questionnaires').then((m) => ({ default: m.QuestionnairesPage }))),
  },
  {
    path: '/check-ins/:questionnaireId',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/questionnaires').then((m) => ({ default: m.QuestionnaireFormPage }))),
  },
  {
    path: '/library',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/library').then((m) => ({ default: m.LibraryPage }))),
  },
  {
    path: '/welcome',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/FirstRun').then((m) => ({ default: m.FirstRunPage }))),
  },
  {
    path: '/goals',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/GoalsPage').then((m) => ({ default: m.GoalsPage }))),
  },
  {
    path: '/parked',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/parked').then((m) => ({ default: m.ParkedThoughtsPage }))),
  },
  {
    path: '/library/:itemId',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/programme/library').then((m) => ({ default: m.LibraryItemPage }))),
  },

  // ---- reminders (preferences, unsubscribe) ----
  { path: '/reminders', roles: EMPLOYEE, page: lazy(() => import('./features/reminders/PreferencesPage')) },
  { path: '/discreet', roles: EMPLOYEE, page: lazy(() => import('./features/reminders/DiscreetPage')) },

  // ---- coaching (employee thread, coach console) ----
  { path: '/messages', roles: EMPLOYEE, page: lazy(() => import('./features/coaching/MessagesPage')) },
  { path: '/coach/inbox', roles: ['coach'], page: lazy(() => import('./features/coaching/CoachInboxPage')) },
  {
    path: '/coach/threads/:threadId',
    roles: ['coach'],
    page: lazy(() => import('./features/coaching/CoachThreadPage')),
  },
  { path: '/coach/templates', roles: ['coach'], page: lazy(() => import('./features/coaching/TemplatesPage')) },
  { path: '/coach/reply-times', roles: ['coach'], page: lazy(() => import('./features/coaching/SlaPage')) },
  { path: '/coach/check-ins', roles: ['coach'], page: lazy(() => import('./features/coaching/CheckinsPage')) },
  { path: '/coach/team', roles: ['coach'], page: lazy(() => import('./features/coaching/TeamPage')) },
  { path: '/coach/board', roles: ['coach'], page: lazy(() => import('./features/coaching/BoardPage')) },

  // ---- operator (the platform's coaching service: roster, hours, health) ----
  { path: '/operator/service', roles: ['operator'], page: lazy(() => import('./features/operator/ServicePage')) },
  { path: '/operator/health', roles: ['operator'], page: lazy(() => import('./features/operator/HealthPage')) },

  // ---- employer (launch kit, permission statement, departments, managers, endorsements) ----
  { path: '/employer/launch-kit', roles: HR, page: lazy(() => import('./features/employer/LaunchKitPage')) },
  { path: '/employer/poster', roles: HR, page: lazy(() => import('./features/employer/PosterPage')) },
  { path: '/employer/permission', roles: HR, page: lazy(() => import('./features/employer/PermissionPage')) },
  { path: '/employer/departments', roles: HR, page: lazy(() => import('./features/employer/DepartmentsPage')) },
  { path: '/employer/managers', roles: HR, page: lazy(() => import('./features/employer/ManagersPage')) },
  { path: '/endorse', roles: ['manager'], page: lazy(() => import('./features/employer/EndorsePage')) },

  // ---- stats (HR dashboard, what my employer sees) ----
  { path: '/stats', roles: HR, page: lazy(() => import('./features/stats/DashboardPage')) },
  {
    path: '/what-my-employer-sees',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/stats/WhatMyEmployerSeesPage')),
  },

  // ---- mydata (return to work, export, delete, sessions) ----
  { path: '/return-to-work', roles: EMPLOYEE, page: lazy(() => import('./features/returntowork/ReturnToWorkPage')) },
  {
    path: '/return-to-work/adjustments',
    roles: EMPLOYEE,
    page: lazy(() => import('./features/returntowork/AdjustmentsPage')),
  },
  {
    path: '/my-data',
    roles: ['employee', 'hr_admin', 'manager', 'coach', 'operator'],
    page: lazy(() => import('./features/mydata/MyDataPage')),
  },
  { path: '/my-data/delete', roles: EMPLOYEE, page: lazy(() => import('./features/mydata/DeleteAccountPage')) },
  { path: '/account-deleted', roles: 'public', page: lazy(() => import('./features/mydata/AccountDeletedPage')) },
];

export const HOME_CARDS: HomeCard[] = [
  // ---- enrolment ----
  { roles: EMPLOYEE, order: 10, card: lazy(() => import('./features/enrolment/PermissionCard')) },
  { roles: HR, order: 10, card: lazy(() => import('./features/enrolment/InviteLinkCard')) },
  { roles: HR, order: 20, card: lazy(() => import('./features/enrolment/StaffInviteCard')) },

  // ---- programme ----
  {
    roles: EMPLOYEE,
    order: 20,
    card: lazy(() => import('./features/programme/HomeCards').then((m) => ({ default: m.ProgressCard }))),
  },
  {
    roles: EMPLOYEE,
    order: 25,
    card: lazy(() => import('./features/programme/parked').then((m) => ({ default: m.ParkedThoughtsCard }))),
  },
  {
    roles: EMPLOYEE,
    order: 30,
    card: lazy(() => import('./features/programme/HomeCards').then((m) => ({ default: m.QuickLinksCard }))),
  },

  // ---- reminders ----
  { roles: EMPLOYEE, order: 40, card: lazy(() => import('./features/reminders/RemindersCard')) },

  // ---- coaching ----
  { roles: EMPLOYEE, order: 40, card: lazy(() => import('./features/coaching/MessagesCard')) },
  { roles: ['coach'], order: 10, card: lazy(() => import('./features/coaching/CoachHomeCard')) },

  // ---- operator ----
  { roles: ['operator'], order: 10, card: lazy(() => import('./features/operator/OperatorHomeCard')) },

  // ---- employer ----
  { roles: HR, order: 5, card: lazy(() => import('./features/employer/EmployerHomeCard')) },
  { roles: ['manager'], order: 10, card: lazy(() => import('./features/employer/ManagerHomeCard')) },

  // ---- stats ----

  // ---- mydata ----
  { roles: EMPLOYEE, order: 80, card: lazy(() => import('./features/returntowork/ReturnToWorkCard')) },
];

export const NAV: NavItem[] = [
  { label: 'Home', to: '/', roles: ['employee', 'hr_admin', 'manager', 'coach', 'operator'], order: 0 },
  // ---- programme ----
  { label: 'Course', to: '/course', roles: EMPLOYEE, order: 10 },
  { label: 'Diary', to: '/diary', roles: EMPLOYEE, order: 20 },
  { label: 'Check-ins', to: '/check-ins', roles: EMPLOYEE, order: 30 },
  { label: 'Library', to: '/library', roles: EMPLOYEE, order: 40 },
  { label: 'Parked thoughts', to: '/parked', roles: EMPLOYEE, order: 35, group: 'more' },
  { label: 'Your goals', to: '/goals', roles: EMPLOYEE, order: 36, group: 'more' },

  // ---- reminders ----
  { label: 'Reminders', to: '/reminders', roles: ['employee'], order: 40, group: 'more' },
  { label: 'Discreet mode', to: '/discreet', roles: ['employee'], order: 41, group: 'more' },

  // ---- coaching ----
  { label: 'Messages', to: '/messages', roles: EMPLOYEE, order: 40, unread: 'coaching/thread/summary' },
  { label: 'Inbox', to: '/coach/inbox', roles: ['coach'], order: 10 },
  { label: 'Templates', to: '/coach/templates', roles: ['coach'], order: 20 },
  { label: 'Check-ins', to: '/coach/check-ins', roles: ['coach'], order: 25 },
  { label: 'Reply times', to: '/coach/reply-times', roles: ['coach'], order: 30 },
  { label: 'Team', to: '/coach/team', roles: ['coach'], order: 35 },

  // ---- operator ----
  { label: 'Coaches and hours', to: '/operator/service', roles: ['operator'], order: 10 },
  { label: 'Service health', to: '/operator/health', roles: ['operator'], order: 20 },

  // ---- employer ----
  { label: 'Launch kit', to: '/employer/launch-kit', roles: HR, order: 10 },
  { label: 'Permission', to: '/employer/permission', roles: HR, order: 11 },
  { label: 'Departments', to: '/employer/departments', roles: HR, order: 12 },
  { label: 'Managers', to: '/employer/managers', roles: HR, order: 13 },
  { label: 'Message your team', to: '/endorse', roles: ['manager'], order: 10 },

  // ---- stats ----
  { label: 'Uptake figures', to: '/stats', roles: HR, order: 50 },
  { label: 'What my employer sees', to: '/what-my-employer-sees', roles: EMPLOYEE, order: 80, group: 'more' },

  // ---- mydata ----
  { label: 'Return to work', to: '/return-to-work', roles: EMPLOYEE, order: 80 },
  {
    label: 'Your data',
    to: '/my-data',
    roles: ['employee', 'hr_admin', 'manager', 'coach', 'operator'],
    order: 90,
    group: 'more',
  },
];
