/**
 * The problems of a form as one list, for the summary above it (FormErrorSummary + FormProblemList): each field's
 * own check first (found in the browser), else what the server said about it (a 400's details[].path), then the
 * server's details that name no field of the form. Every failing field is named, and its input is marked by the
 * same message (fieldProblem).
 */

export type FormField = { path: string; label: string };
export type FormProblem = { path: string; label: string | null; message: string };
type Detail = { path: string };

/** Whether a server detail is about a field: the field itself or a part of it (`coverage.radiusKm` for `coverage`). */
export function isDetailOf(detailPath: string, fieldPath: string): boolean {
  return detailPath === fieldPath || detailPath.startsWith(`${fieldPath}.`);
}

/** The message of one field: the browser's check, else the server's first detail about it. */
export function fieldProblem<D extends Detail>(
  path: string,
  clientErrors: Readonly<Partial<Record<string, string>>>,
  details: readonly D[],
  say: (detail: D) => string,
): string | undefined {
  const own = clientErrors[path];
  if (own) return own;
  const detail = details.find((candidate) => isDetailOf(candidate.path, path));
  return detail ? say(detail) : undefined;
}

/** Every problem, in the order of the form's fields, then the server's details about no field of the form. */
export function formProblems<D extends Detail>(
  fields: readonly FormField[],
  clientErrors: Readonly<Partial<Record<string, string>>>,
  details: readonly D[],
  say: (detail: D) => string,
): FormProblem[] {
  const ofFields = fields.flatMap((field) => {
    const message = fieldProblem(field.path, clientErrors, details, say);
    return message ? [{ path: field.path, label: field.label, message }] : [];
  });
  const others = details
    .filter((detail) => !fields.some((field) => isDetailOf(detail.path, field.path)))
    .map((detail) => ({ path: detail.path, label: null, message: say(detail) }));
  return [...ofFields, ...others];
}

/** The characters of a text as the server counts them (code points, after trimming). */
export function textLength(value: string): number {
  return Array.from(value.trim()).length;
}
