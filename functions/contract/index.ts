// The API contract: every route's request and response schema, one file per context. The server's routes spread
// these endpoints (functions/*/http.ts); the web app imports their types only (`import type`, no bundle cost), so the
// two cannot drift apart. Each function imports its own context's file, never this index.
export * from './account.js';
export * from './coaching.js';
export * from './common.js';
export * from './employer.js';
export * from './endpoint.js';
export * from './mydata.js';
export * from './programme.js';
export * from './reminders.js';
export * from './returntowork.js';
export * from './roles.js';
export * from './stats.js';
