// Crisis resources per country: the one list the API, the public help page and the PHQ-9 crisis panel use.
// Each list starts with the emergency number. Names are the services' own; sources and the date checked are in
// docs/crisis-resources.md (an operator re-checks them before launch). English text for now (issue 20, i18n later).

export interface CrisisResource {
  name: string;
  contact: string;
  description: string;
  /** tel: or sms: of the number shown in `contact`. */
  href: string;
}

export const CRISIS_COUNTRIES = ['GB', 'IE', 'FI', 'SE', 'NO'] as const;
export type CrisisCountry = (typeof CRISIS_COUNTRIES)[number];

export const COUNTRY_NAMES: Record<CrisisCountry, string> = {
  GB: 'United Kingdom',
  IE: 'Ireland',
  FI: 'Finland',
  SE: 'Sweden',
  NO: 'Norway',
};

export const isCrisisCountry = (code: string): code is CrisisCountry =>
  (CRISIS_COUNTRIES as readonly string[]).includes(code);

export const CRISIS_RESOURCES: Record<CrisisCountry, CrisisResource[]> = {
  GB: [
    {
      name: 'Emergency services',
      contact: '999',
      description: 'If you or someone else is in immediate danger, or you have harmed yourself.',
      href: 'tel:999',
    },
    {
      name: 'NHS 111, option 2',
      contact: '111, then option 2',
      description: 'Urgent mental health help, 24 hours a day, for any age.',
      href: 'tel:111',
    },
    {
      name: 'Samaritans',
      contact: '116 123',
      description: 'Free to call, day or night, whatever you are going through.',
      href: 'tel:116123',
    },
    {
      name: 'Shout',
      contact: 'Text SHOUT to 85258',
      description: 'Free, confidential text support, 24/7.',
      href: 'sms:85258&body=SHOUT',
    },
  ],
  IE: [
    {
      name: 'Emergency services',
      contact: '112 or 999',
      description: 'If you or someone else is in immediate danger, or you have harmed yourself.',
      href: 'tel:112',
    },
    {
      name: 'Samaritans',
      contact: '116 123',
      description: 'Free to call, day or night, whatever you are going through.',
      href: 'tel:116123',
    },
    {
      name: 'Pieta',
      contact: '1800 247 247',
      description: 'Free crisis support for people thinking about suicide or self-harm, 24/7.',
      href: 'tel:1800247247',
    },
    {
      name: 'Text About It (50808)',
      contact: 'Text HELLO to 50808',
      description: 'Free, anonymous text support, 24/7.',
      href: 'sms:50808&body=HELLO',
    },
  ],
  FI: [
    {
      name: 'Hätänumero',
      contact: '112',
      description: 'The emergency number: if you or someone else is in immediate danger, or you have harmed yourself.',
      href: 'tel:112',
    },
    {
      name: 'MIELI Kriisipuhelin',
      contact: '09 2525 0111',
      description: 'Crisis line of MIELI Mental Health Finland, in Finnish.',
      href: 'tel:+358925250111',
    },
    {
      name: 'MIELI Kriisipuhelin (på svenska)',
      contact: '09 2525 0112',
      description: 'Crisis line of MIELI Mental Health Finland, in Swedish.',
      href: 'tel:+358925250112',
    },
    {
      name: 'MIELI Kriisipuhelin (other languages)',
      contact: '09 2525 0113',
      description: 'Crisis line of MIELI Mental Health Finland, in English and other languages.',
      href: 'tel:+358925250113',
    },
    {
      name: 'Päivystysapu',
      contact: '116 117',
      description: 'Advice on urgent care, including mental health, day or night.',
      href: 'tel:116117',
    },
  ],
  SE: [
    {
      name: 'Nödnummer',
      contact: '112',
      description: 'The emergency number: if you or someone else is in immediate danger, or you have harmed yourself.',
      href: 'tel:112',
    },
    {
      name: '1177 Vårdguiden',
      contact: '1177',
      description: 'Healthcare advice by phone, including where to get urgent mental health care, 24/7.',
      href: 'tel:1177',
    },
    {
      name: 'Mind Självmordslinjen',
      contact: '90101',
      description: 'Support for people thinking about suicide, by phone or chat at mind.se.',
      href: 'tel:90101',
    },
    {
      name: 'Jourhavande medmänniska',
      contact: '08-702 16 80',
      description: 'Someone to talk to in the evening and at night, whatever is on your mind.',
      href: 'tel:+4687021680',
    },
  ],
  NO: [
    {
      name: 'Medisinsk nødtelefon',
      contact: '113',
      description: 'The medical emergency number: if you or someone else is in immediate danger or has been harmed.',
      href: 'tel:113',
    },
    {
      name: 'Legevakt',
      contact: '116 117',
      description: 'Out-of-hours urgent medical help, including mental health.',
      href: 'tel:116117',
    },
    {
      name: 'Mental Helse Hjelpetelefonen',
      contact: '116 123',
      description: 'Someone to talk to, free and anonymous, 24/7.',
      href: 'tel:116123',
    },
    {
      name: 'Kirkens SOS',
      contact: '22 40 00 40',
      description: 'Crisis line for anyone who needs to talk, 24/7.',
      href: 'tel:+4722400040',
    },
  ],
};

/** The organisation's own settings that choose a list: its country, and its override list for that country. */
export interface CrisisTenant {
  country: CrisisCountry;
  crisisResources?: CrisisResource[];
}

/** The list for a country; the tenant's own override list wins for its default country. */
export function crisisResourcesFor(tenant: CrisisTenant, country: CrisisCountry = tenant.country): CrisisResource[] {
  if (country === tenant.country && tenant.crisisResources) return tenant.crisisResources;
  return CRISIS_RESOURCES[country];
}

/** Every country's list, the organisation's default first: what the public help page offers (works offline). */
export function allCrisisResources(tenant: CrisisTenant) {
  const order = [tenant.country, ...CRISIS_COUNTRIES.filter((c) => c !== tenant.country)];
  return order.map((code) => ({ code, name: COUNTRY_NAMES[code], resources: crisisResourcesFor(tenant, code) }));
}
