// Is a typed address at one of the organisation's work email domains (tenants/<slug>.json `workEmailDomains`)?
// Matches the domain itself and its subdomains, ignoring case and a trailing dot; never a look-alike such as
// notnorthwind.example. Only ever used to show advice: the address is not sent anywhere by this check.

export function isWorkEmail(email: string, workDomains: readonly string[]): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const host = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  if (!host) return false;
  return workDomains.some((d) => {
    const domain = d.trim().toLowerCase().replace(/\.$/, '');
    return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
  });
}
