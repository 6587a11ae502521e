/** Consultations with the Center: open → in_progress → answered → closed (and back when a reply comes). */
import { transition, type TransitionTable } from './state-machine.js';

export const consultationStatuses = ['open', 'in_progress', 'answered', 'closed'] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];
export const consultationEvents = ['assign', 'answer', 'reply', 'close', 'reopen'] as const;
export type ConsultationEvent = (typeof consultationEvents)[number];

export const consultationTransitions: TransitionTable<ConsultationStatus, ConsultationEvent> = [
  { from: ['open', 'in_progress', 'answered'], event: 'assign', to: 'in_progress' },
  // A second answer before the requester replies (a follow-up, a correction) keeps it answered.
  { from: ['open', 'in_progress', 'answered'], event: 'answer', to: 'answered' },
  { from: ['answered', 'in_progress', 'open'], event: 'reply', to: 'in_progress' },
  { from: ['open', 'in_progress', 'answered'], event: 'close', to: 'closed' },
  { from: ['closed'], event: 'reopen', to: 'in_progress' },
];

export const consultationStatusLabels: Record<ConsultationStatus, string> = {
  open: '受付',
  in_progress: '対応中',
  answered: '回答済み',
  closed: '終了',
};

export const consultationEventLabels: Record<ConsultationEvent, string> = {
  assign: '担当者の割り当て',
  answer: '回答',
  reply: '返信',
  close: '終了',
  reopen: '再開',
};

export function nextConsultationStatus(status: ConsultationStatus, event: ConsultationEvent): ConsultationStatus {
  return transition(consultationTransitions, status, event, {
    states: consultationStatusLabels,
    events: consultationEventLabels,
    subject: 'この相談',
  });
}
