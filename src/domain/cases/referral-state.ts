/** The referral's states: sent → viewed (⇄ needs_info) → accepted | declined | expired | withdrawn. */
import { transition, type TransitionTable } from './state-machine.js';

export const referralStatuses = [
  'sent',
  'viewed',
  'needs_info',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const referralEvents = ['view', 'ask', 'answer', 'accept', 'decline', 'expire', 'withdraw'] as const;
export type ReferralEvent = (typeof referralEvents)[number];

export const openReferralStatuses: readonly ReferralStatus[] = ['sent', 'viewed', 'needs_info'];
const open = openReferralStatuses;

export const referralTransitions: TransitionTable<ReferralStatus, ReferralEvent> = [
  { from: ['sent'], event: 'view', to: 'viewed' },
  { from: ['sent', 'viewed'], event: 'ask', to: 'needs_info' },
  { from: ['needs_info'], event: 'answer', to: 'viewed' },
  { from: open, event: 'accept', to: 'accepted' },
  { from: open, event: 'decline', to: 'declined' },
  { from: open, event: 'expire', to: 'expired' },
  { from: open, event: 'withdraw', to: 'withdrawn' },
];

export const referralStatusLabels: Record<ReferralStatus, string> = {
  sent: '送信済み',
  viewed: '閲覧済み',
  needs_info: '質問中',
  accepted: '受諾',
  declined: '辞退',
  expired: '期限切れ',
  withdrawn: '取り下げ',
};

export const referralEventLabels: Record<ReferralEvent, string> = {
  view: '閲覧',
  ask: '質問',
  answer: '回答',
  accept: '受諾',
  decline: '辞退',
  expire: '期限切れ',
  withdraw: '取り下げ',
};

export function nextReferralStatus(status: ReferralStatus, event: ReferralEvent): ReferralStatus {
  return transition(referralTransitions, status, event, {
    states: referralStatusLabels,
    events: referralEventLabels,
    subject: 'この紹介',
  });
}

export function isOpenReferral(status: ReferralStatus): boolean {
  return open.includes(status);
}
