// Reads a pasted team list: one address per line, or several on a line separated by commas or semicolons.
// Reports exactly which lines are malformed; duplicates (ignoring case) are merged, not errors.
import * as z from '../../shared/zod.js';
import { MAX_TEAM_ADDRESSES } from './schema.js';

export interface TeamListProblem {
  /** 1-based line number in what was pasted. */
  line: number;
  message: string;
}

export interface ParsedTeamList {
  /** Unique addresses, lower-cased, in the order first seen. */
  addresses: string[];
  duplicatesMerged: number;
  problems: TeamListProblem[];
  tooMany: boolean;
}

const Address = z.email();

/** Accepts "Name <a@b.example>" as pasted from mail clients, as well as bare addresses. */
function extractAddress(entry: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(entry);
  return (angle ? angle[1]! : entry).trim();
}

export function parseTeamList(raw: string): ParsedTeamList {
  const seen = new Set<string>();
  const addresses: string[] = [];
  const problems: TeamListProblem[] = [];
  let duplicatesMerged = 0;
  raw.split(/\r\n|\r|\n/).forEach((text, index) => {
    const entries = text
      .split(/[,;]/)
      .map((e) => e.trim())
      .filter((e) => e !== '');
    const bad: string[] = [];
    for (const entry of entries) {
      const address = extractAddress(entry).toLowerCase();
      if (address.length > 254 || !Address.safeParse(address).success) {
        bad.push(entry.length > 60 ? `${entry.slice(0, 57)}…` : entry);
        continue;
      }
      if (seen.has(address)) duplicatesMerged++;
      else {
        seen.add(address);
        addresses.push(address);
      }
    }
    if (bad.length)
      problems.push({
        line: index + 1,
        message: `line ${index + 1}: ${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is not an email address' : 'are not email addresses'}`,
      });
  });
  return { addresses, duplicatesMerged, problems, tooMany: addresses.length > MAX_TEAM_ADDRESSES };
}
