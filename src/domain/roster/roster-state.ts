/**
 * Life of a roster and of a swap request, as transition tables.
 * Roster: draft → published (reviewed and announced) | discarded (thrown away before publishing).
 * Swap: a clinic asks (requested) → another clinic accepts (accepted) → the group's administrator
 * approves (approved: the duties change hands) or rejects; the asking clinic may withdraw until it
 * is approved, and the asked clinic may decline.
 */
import { transition, type TransitionTable } from '../cases/state-machine.js';

export const rosterStatuses = ['draft', 'published', 'discarded'] as const;
export type RosterStatus = (typeof rosterStatuses)[number];
export const rosterEvents = ['publish', 'discard'] as const;
export type RosterEvent = (typeof rosterEvents)[number];

export const rosterTransitions: TransitionTable<RosterStatus, RosterEvent> = [
  { from: ['draft'], event: 'publish', to: 'published' },
  { from: ['draft'], event: 'discard', to: 'discarded' },
];

export const rosterStatusLabels: Record<RosterStatus, string> = {
  draft: '下書き',
  published: '公開済み',
  discarded: '破棄',
};
const rosterEventLabels: Record<RosterEvent, string> = { publish: '公開', discard: '破棄' };

export function nextRosterStatus(status: RosterStatus, event: RosterEvent): RosterStatus {
  return transition(rosterTransitions, status, event, {
    states: rosterStatusLabels,
    events: rosterEventLabels,
    subject: 'この輪番表',
  });
}

export const swapStatuses = ['requested', 'accepted', 'approved', 'rejected', 'declined', 'withdrawn'] as const;
export type SwapStatus = (typeof swapStatuses)[number];
export const swapEvents = ['accept', 'decline', 'withdraw', 'approve', 'reject'] as const;
export type SwapEvent = (typeof swapEvents)[number];

export const swapTransitions: TransitionTable<SwapStatus, SwapEvent> = [
  { from: ['requested'], event: 'accept', to: 'accepted' },
  { from: ['requested'], event: 'decline', to: 'declined' },
  { from: ['requested', 'accepted'], event: 'withdraw', to: 'withdrawn' },
  { from: ['accepted'], event: 'approve', to: 'approved' },
  { from: ['requested', 'accepted'], event: 'reject', to: 'rejected' },
];

export const swapStatusLabels: Record<SwapStatus, string> = {
  requested: '依頼中',
  accepted: '承諾済み（承認待ち）',
  approved: '承認済み',
  rejected: '却下',
  declined: '辞退',
  withdrawn: '取り下げ',
};
const swapEventLabels: Record<SwapEvent, string> = {
  accept: '承諾',
  decline: '辞退',
  withdraw: '取り下げ',
  approve: '承認',
  reject: '却下',
};

export function nextSwapStatus(status: SwapStatus, event: SwapEvent): SwapStatus {
  return transition(swapTransitions, status, event, {
    states: swapStatusLabels,
    events: swapEventLabels,
    subject: 'この交代依頼',
  });
}

export const openSwapStatuses: readonly SwapStatus[] = ['requested', 'accepted'];
