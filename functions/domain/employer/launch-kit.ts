// The HR launch kit: the invite link with its QR code, the announcement and intranet texts with the organisation's
// name and current permission statement filled in, the poster wording and the launch checklist.

import type { Runtime } from '../../shared/runtime.js';
import { currentPermissionStatement, ensureInvite } from '../enrolment/repository.js';
import { readChecklist } from './repository.js';
import { ANNOUNCEMENT_EMAIL_TEMPLATE, fillTemplate, INTRANET_TEMPLATE, POSTER_TEXT } from './templates.js';

export const inviteUrlFor = (rt: Runtime, token: string) => `${rt.config.appUrl}/#/join/${token}`;

/** The QR code for a link as SVG markup and as a PNG data URL (1024 px, enough for an A4 poster). */
export async function qrCodes(url: string): Promise<{ svg: string; png: string }> {
  // Loaded on first use: the QR encoder and PNG writer are a third of this router and only the launch kit needs them.
  const { default: QRCode } = await import('qrcode');
  const options = { errorCorrectionLevel: 'M' as const, margin: 2, color: { dark: '#000000', light: '#ffffff' } };
  const [svg, png] = await Promise.all([
    QRCode.toString(url, { ...options, type: 'svg' }),
    QRCode.toDataURL(url, { ...options, type: 'image/png', width: 1024 }),
  ]);
  return { svg, png };
}

export async function launchKit(rt: Runtime, now: Date) {
  const tenant = rt.config.tenant;
  const [invite, statement, checklist] = await Promise.all([
    ensureInvite(rt.db, now.toISOString()),
    currentPermissionStatement(rt.db, tenant.permissionStatement),
    readChecklist(rt.db),
  ]);
  const inviteUrl = inviteUrlFor(rt, invite.token);
  const values = {
    orgName: tenant.name,
    permissionStatement: statement.text,
    inviteUrl,
    senderName: `The People team, ${tenant.name}`,
  };
  return {
    orgName: tenant.name,
    inviteUrl,
    permissionStatement: statement,
    announcementEmail: {
      subject: fillTemplate(ANNOUNCEMENT_EMAIL_TEMPLATE.subject, values),
      body: fillTemplate(ANNOUNCEMENT_EMAIL_TEMPLATE.body, values),
    },
    intranet: {
      title: fillTemplate(INTRANET_TEMPLATE.title, values),
      body: fillTemplate(INTRANET_TEMPLATE.body, values),
    },
    poster: {
      heading: POSTER_TEXT.heading,
      body: fillTemplate(POSTER_TEXT.body, values),
      points: POSTER_TEXT.points,
      cta: POSTER_TEXT.cta,
      permissionStatement: statement.text,
    },
    checklist,
  };
}
