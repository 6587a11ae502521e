/** Status words of discharge coordination as badges: the meaning is in the words, colour only helps. */
import { useTranslation } from 'react-i18next';
import { Badge } from '../Badge';
import type {
  CaseRoute,
  CaseStatus,
  ConferenceStatus,
  ConsultationStatus,
  ReferralStatus,
  WelfareLinkStatus,
} from '../../api/case-codes';
import { formatDate } from '../../format';
import { daysBetween, todayInTokyo } from './dates';
import { isConferenceUnderWay } from './conference-phase';

type Tone = 'neutral' | 'warning' | 'ok' | 'danger';

const caseTones: Record<CaseStatus, Tone> = {
  planning: 'neutral',
  coordinating: 'warning',
  discharged: 'ok',
  closed: 'ok',
  cancelled: 'neutral',
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('cases');
  return <Badge tone={caseTones[status]}>{t(`codes.caseStatus.${status}`)}</Badge>;
}

export function RouteBadge({ route }: { route: CaseRoute | null }) {
  const { t } = useTranslation('cases');
  return <Badge>{route ? t(`codes.route.${route}`) : t('codes.routeNone')}</Badge>;
}

const referralTones: Record<ReferralStatus, Tone> = {
  sent: 'warning',
  viewed: 'warning',
  needs_info: 'warning',
  accepted: 'ok',
  declined: 'danger',
  expired: 'danger',
  withdrawn: 'neutral',
};

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation('cases');
  return <Badge tone={referralTones[status]}>{t(`codes.referralStatus.${status}`)}</Badge>;
}

const consultationTones: Record<ConsultationStatus, Tone> = {
  open: 'danger',
  in_progress: 'warning',
  answered: 'ok',
  closed: 'neutral',
};

export function ConsultationStatusBadge({ status }: { status: ConsultationStatus }) {
  const { t } = useTranslation('cases');
  return <Badge tone={consultationTones[status]}>{t(`codes.consultationStatus.${status}`)}</Badge>;
}

const welfareTones: Record<WelfareLinkStatus, Tone> = { requested: 'warning', acknowledged: 'ok', closed: 'neutral' };

export function WelfareLinkStatusBadge({ status }: { status: WelfareLinkStatus }) {
  const { t } = useTranslation('cases');
  return <Badge tone={welfareTones[status]}>{t(`codes.welfareLinkStatus.${status}`)}</Badge>;
}

const conferenceTones: Record<ConferenceStatus, Tone> = { scheduled: 'warning', held: 'ok', cancelled: 'neutral' };

/**
 * A conference's state as its participants live it: 開催中 from its start to its end (whether or not the minutes were
 * already recorded), else the stored status (予定, 開催済み, 中止).
 */
export function ConferenceStatusBadge({
  status,
  startsAt,
  endsAt,
}: {
  status: ConferenceStatus;
  startsAt: string;
  endsAt: string;
}) {
  const { t } = useTranslation('cases');
  if (isConferenceUnderWay(status, startsAt, endsAt, Date.now()))
    return <Badge tone="warning">{t('conference.inProgress')}</Badge>;
  return <Badge tone={conferenceTones[status]}>{t(`codes.conferenceStatus.${status}`)}</Badge>;
}

/** 「あと5日」「今日」「3日超過」 until a date (YYYY-MM-DD), in Tokyo. */
export function DaysLeft({ date, isDone = false }: { date: string; isDone?: boolean }) {
  const { t } = useTranslation('cases');
  if (isDone) return null;
  const days = daysBetween(todayInTokyo(), date);
  if (days < 0) return <Badge tone="danger">{t('days.overdue', { count: -days })}</Badge>;
  if (days === 0) return <Badge tone="danger">{t('days.today')}</Badge>;
  return <Badge tone={days <= 3 ? 'warning' : 'neutral'}>{t('days.left', { count: days })}</Badge>;
}

/** The day the patient left hospital, marked 退院済み: shown in lists instead of the planned date once known. */
export function DischargedOn({ date }: { date: string }) {
  const { t, i18n } = useTranslation('cases');
  return (
    <>
      <span className="nowrap">{formatDate(date, i18n.language)}</span>{' '}
      <Badge tone="ok">{t('codes.caseStatus.discharged')}</Badge>
    </>
  );
}

/** 「期限超過」 for a referral whose deadline has passed while it is still open. */
export function OverdueBadge() {
  const { t } = useTranslation('cases');
  return <Badge tone="danger">{t('referral.overdue')}</Badge>;
}
