// The parts of the SES SDK we use, for clients.ts to import on first use: a dynamic import of the package itself
// would bundle every SES command (about 50 KB), one of this module keeps only these two.
export { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
