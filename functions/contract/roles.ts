// Who can sign in: the one list, for the session token, the routes' `auth` and the web app.
/** `operator` is a platform role (tenant config operatorEmails), never an organisation's: HR cannot grant it. */
export const ROLES = ['employee', 'hr_admin', 'manager', 'coach', 'operator'] as const;
export type Role = (typeof ROLES)[number];
