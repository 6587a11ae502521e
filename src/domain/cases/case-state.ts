/**
 * The case's states: planning → coordinating → discharged → closed, or cancelled.
 * The route (direct / center) is chosen when coordination starts; a direct case may be handed
 * on to the Center (escalate) but not back.
 */
import { transition, type TransitionTable } from './state-machine.js';

export const caseStatuses = ['planning', 'coordinating', 'discharged', 'closed', 'cancelled'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseEvents = [
  'choose_direct',
  'choose_center',
  'escalate',
  'edit',
  'transfer',
  'refer',
  'discharge',
  'record_outcome',
  'cancel',
] as const;
export type CaseEvent = (typeof caseEvents)[number];

export const activeCaseStatuses: readonly CaseStatus[] = ['planning', 'coordinating'];

export const caseTransitions: TransitionTable<CaseStatus, CaseEvent> = [
  { from: ['planning'], event: 'choose_direct', to: 'coordinating' },
  { from: ['planning'], event: 'choose_center', to: 'coordinating' },
  { from: ['coordinating'], event: 'escalate', to: 'coordinating' },
  { from: ['planning', 'coordinating'], event: 'edit', to: 'planning' },
  { from: ['planning', 'coordinating'], event: 'transfer', to: 'planning' },
  { from: ['coordinating'], event: 'refer', to: 'coordinating' },
  { from: ['planning', 'coordinating'], event: 'discharge', to: 'discharged' },
  { from: ['discharged'], event: 'record_outcome', to: 'closed' },
  { from: ['closed'], event: 'record_outcome', to: 'closed' },
  { from: ['planning', 'coordinating'], event: 'cancel', to: 'cancelled' },
];

export const caseStatusLabels: Record<CaseStatus, string> = {
  planning: '計画中',
  coordinating: '調整中',
  discharged: '退院済み',
  closed: '転帰記録済み',
  cancelled: '中止',
};

export const caseEventLabels: Record<CaseEvent, string> = {
  choose_direct: '直接調整の開始',
  choose_center: 'センターへの相談',
  escalate: 'センターへの引き継ぎ',
  edit: '内容の変更',
  transfer: '転院',
  refer: '紹介の送信',
  discharge: '退院',
  record_outcome: '転帰の記録',
  cancel: '中止',
};

/**
 * The next status. `edit` and `transfer` keep the status they came from (the table's `to` is
 * only a placeholder for them), so callers use this function, never the table directly.
 */
export function nextCaseStatus(status: CaseStatus, event: CaseEvent): CaseStatus {
  const to = transition(caseTransitions, status, event, {
    states: caseStatusLabels,
    events: caseEventLabels,
    subject: 'このケース',
  });
  return event === 'edit' || event === 'transfer' ? status : to;
}
