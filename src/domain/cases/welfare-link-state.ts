/**
 * Welfare links (福祉の連携): a case connected to a welfare window — 福祉事務所, 保健所,
 * 社会福祉協議会 or 地域包括支援センター — with a reason, tracked like a referral:
 * requested → acknowledged → closed, or requested → closed.
 */
import type { OrganizationKind } from '../codes.js';
import { transition, type TransitionTable } from './state-machine.js';
import { roleRequirements } from './team-roles.js';

export const welfareLinkStatuses = ['requested', 'acknowledged', 'closed'] as const;
export type WelfareLinkStatus = (typeof welfareLinkStatuses)[number];
export const welfareLinkEvents = ['acknowledge', 'close'] as const;
export type WelfareLinkEvent = (typeof welfareLinkEvents)[number];

export const welfareLinkTransitions: TransitionTable<WelfareLinkStatus, WelfareLinkEvent> = [
  { from: ['requested'], event: 'acknowledge', to: 'acknowledged' },
  { from: ['requested', 'acknowledged'], event: 'close', to: 'closed' },
];

export const welfareLinkStatusLabels: Record<WelfareLinkStatus, string> = {
  requested: '依頼中',
  acknowledged: '受付済み',
  closed: '終了',
};

export const welfareLinkEventLabels: Record<WelfareLinkEvent, string> = {
  acknowledge: '受付',
  close: '終了',
};

/** The organisations a case may be linked to (the same kinds as the team role 福祉窓口). */
export const welfareOrganizationKinds: readonly OrganizationKind[] = roleRequirements.welfare_contact.kinds;

export function isWelfareOrganizationKind(kind: string): boolean {
  return (welfareOrganizationKinds as readonly string[]).includes(kind);
}

/**
 * The case statuses in which a welfare link may be asked for: while the discharge is prepared, and after it (need of
 * welfare often shows once the patient is at home); not once the case is closed or cancelled.
 */
export const welfareLinkableCaseStatuses: readonly string[] = ['planning', 'coordinating', 'discharged'];

/** A link is open (the organisation sees the case and joins its thread) until it is closed. */
export function isOpenWelfareLink(status: WelfareLinkStatus): boolean {
  return status !== 'closed';
}

export function nextWelfareLinkStatus(status: WelfareLinkStatus, event: WelfareLinkEvent): WelfareLinkStatus {
  return transition(welfareLinkTransitions, status, event, {
    states: welfareLinkStatusLabels,
    events: welfareLinkEventLabels,
    subject: 'この福祉の連携',
  });
}
