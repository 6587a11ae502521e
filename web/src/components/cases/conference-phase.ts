/** Whether a conference is under way at `now` (ms): from its start to its end, unless it was cancelled. */
export function isConferenceUnderWay(status: string, startsAt: string, endsAt: string, now: number): boolean {
  return status !== 'cancelled' && Date.parse(startsAt) <= now && now < Date.parse(endsAt);
}
