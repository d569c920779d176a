// Which exercise fields to show: a field with showIf appears only once the earlier choice it names has one of the
// listed options picked (e.g. the worry tree's "What could you do?" only after "Can you do something about it?" = yes).
export interface ShowIf {
  field: string;
  anyOf: string[];
}

export function visibleFields<F extends { id: string; showIf?: ShowIf }>(
  fields: readonly F[],
  answers: Record<string, unknown>,
): F[] {
  return fields.filter((f) => {
    if (!f.showIf) return true;
    const picked = answers[f.showIf.field];
    const ids = Array.isArray(picked) ? picked : [picked];
    return ids.some((id) => typeof id === 'string' && f.showIf!.anyOf.includes(id));
  });
}
