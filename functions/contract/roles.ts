// Who can sign in: the one list, for the session token, the routes' `auth` and the web app.
export const ROLES = ['employee', 'hr_admin', 'manager', 'coach'] as const;
export type Role = (typeof ROLES)[number];
