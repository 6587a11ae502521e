/**
 * The discharge conference (退院時カンファレンス): scheduled → held (minutes recorded after the
 * start) or cancelled. Changes while scheduled keep it scheduled and raise the iCalendar SEQUENCE.
 */
import { transition, type TransitionTable } from './state-machine.js';

export const conferenceStatuses = ['scheduled', 'held', 'cancelled'] as const;
export type ConferenceStatus = (typeof conferenceStatuses)[number];
export const conferenceEvents = ['change', 'cancel', 'record_minutes'] as const;
export type ConferenceEvent = (typeof conferenceEvents)[number];

export const conferenceTransitions: TransitionTable<ConferenceStatus, ConferenceEvent> = [
  { from: ['scheduled'], event: 'change', to: 'scheduled' },
  { from: ['scheduled'], event: 'cancel', to: 'cancelled' },
  { from: ['scheduled', 'held'], event: 'record_minutes', to: 'held' },
];

export const conferenceStatusLabels: Record<ConferenceStatus, string> = {
  scheduled: '予定',
  held: '開催済み',
  cancelled: '中止',
};

export const conferenceEventLabels: Record<ConferenceEvent, string> = {
  change: '日時・場所・参加者の変更',
  cancel: '中止',
  record_minutes: '議事録の記録',
};

export const conferenceDurationMinutes = { min: 15, max: 480 } as const;

export function nextConferenceStatus(status: ConferenceStatus, event: ConferenceEvent): ConferenceStatus {
  return transition(conferenceTransitions, status, event, {
    states: conferenceStatusLabels,
    events: conferenceEventLabels,
    subject: 'このカンファレンス',
  });
}

/** Minutes are written afterwards: not before the conference has started. */
export function canRecordMinutes(startsAt: Date, now: Date): boolean {
  return now.getTime() >= startsAt.getTime();
}
