/** datetime-local values read as Japan time, whatever the device's zone (the product speaks Asia/Tokyo). */

const jstOffsetMs = 9 * 60 * 60 * 1000;

/** "2026-05-03T22:00" for an instant, in Asia/Tokyo. */
export function toJstLocalInput(date: Date): string {
  return new Date(date.getTime() + jstOffsetMs).toISOString().slice(0, 16);
}

/** "2026-05-03T22:00" (Japan time) → "2026-05-03T22:00:00+09:00"; null when not a valid value. */
export function fromJstLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const iso = `${value}:00+09:00`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}
