/**
 * The team view: every role the case needs (and any already filled) — who fills it since when, or 未決定 with
 * the referrals still waiting (閲覧済み, deadline, 期限超過), their question threads, the referrals of the past
 * (辞退・期限切れ・取り下げ) and, for those who coordinate, 「候補を探す」 to refer again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReferral, useWithdrawReferral } from '../../api/cases';
import type { FullCase, Team, TeamReferral } from '../../api/case-types';
import { isOpenReferral, referableRoles, teamRoles, type TeamRole } from '../../api/case-codes';
import { formatDate, formatDateTime } from '../../format';
import { ErrorAlert } from '../ErrorAlert';
import { StatusMessage } from '../StatusMessage';
import { Badge } from '../Badge';
import { OverdueBadge, ReferralStatusBadge } from './CaseBadges';
import { Disclosure } from './Disclosure';
import { CandidatePanel } from './CandidatePanel';
import { LoadedReferralThread } from './ReferralThread';
import { DirectAddPanel } from './DirectAddPanel';
import { isRoleFilled, welfareRoleLinks } from './team-direct';

/**
 * 福祉窓口 is filled through 福祉の連携, not by a referral: the card says which windows were asked (依頼中) and which
 * acknowledged (受付済み) — the role counts as filled once one has — and points to that section.
 */
function WelfareRoleState({ team, canLink }: { team: Team; canLink: boolean }) {
  const { t } = useTranslation('cases');
  const { acknowledged, requested } = welfareRoleLinks(team);
  const names = (links: typeof acknowledged) => links.map((link) => link.organizationName).join('、');
  return (
    <div className="small">
      {acknowledged.length > 0 ? <p>{t('team.welfareAcknowledged', { names: names(acknowledged) })}</p> : null}
      {requested.length > 0 ? <p>{t('team.welfareRequested', { names: names(requested) })}</p> : null}
      {acknowledged.length === 0 && requested.length === 0 ? <p>{t('team.welfareNone')}</p> : null}
      {canLink ? (
        <p>
          <a href="#case-welfare">{t('team.welfareLink')}</a>
        </p>
      ) : null}
    </div>
  );
}

/** The decline's own words (the team list carries only its reason code). */
function DeclineNote({ id }: { id: string }) {
  const { t } = useTranslation('cases');
  const referral = useReferral(id);
  const text = referral.data?.declineReason;
  return text ? <p className="small">{t('team.declineText', { text })}</p> : null;
}

function ReferralLine({ referral, canCoordinate }: { referral: TeamReferral; canCoordinate: boolean }) {
  const { t, i18n } = useTranslation('cases');
  const withdraw = useWithdrawReferral();
  const [posted, setPosted] = useState<string | null>(null);
  const isOpen = isOpenReferral(referral.status);
  const isOverdue = isOpen && new Date(referral.respondBy).getTime() < Date.now();
  return (
    <li className="referral-line" id={`referral-${referral.id}`}>
      <div className="referral-line-head">
        <strong>{referral.organizationName}</strong> <ReferralStatusBadge status={referral.status} />
        {referral.viewedAt && ['withdrawn', 'expired'].includes(referral.status) ? (
          <Badge tone="ok">{t('team.viewed')}</Badge>
        ) : null}
        {isOverdue ? <OverdueBadge /> : null}
      </div>
      <p className="small muted">
        {isOpen
          ? t('team.respondBy', { date: formatDateTime(referral.respondBy, i18n.language) })
          : t('team.respondByWas', { date: formatDateTime(referral.respondBy, i18n.language) })}
        {referral.viewedAt
          ? ` ・ ${t('team.viewedAt', { date: formatDateTime(referral.viewedAt, i18n.language) })}`
          : ` ・ ${t('team.notViewed')}`}
        {referral.declineReasonCode
          ? ` ・ ${t('team.declineReason', { reason: t(`codes.declineReason.${referral.declineReasonCode}`) })}`
          : ''}
      </p>
      {referral.status === 'declined' ? <DeclineNote id={referral.id} /> : null}
      {isOpen ? (
        <div className="referral-line-actions">
          {referral.status === 'needs_info' ? (
            <div className="needs-info">
              <p className="small">
                <strong>{t('team.questionWaiting')}</strong>
              </p>
              <LoadedReferralThread id={referral.id} onPosted={setPosted} />
            </div>
          ) : (
            <Disclosure label={t('team.showThread')} size="small">
              {() => <LoadedReferralThread id={referral.id} onPosted={setPosted} />}
            </Disclosure>
          )}
          {canCoordinate ? (
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={withdraw.isPending}
              onClick={() => withdraw.mutate(referral.id)}
              aria-label={t('team.withdrawLabel', { name: referral.organizationName })}
            >
              {t('team.withdraw')}
            </button>
          ) : null}
          <ErrorAlert error={withdraw.error} />
        </div>
      ) : null}
      <StatusMessage message={posted} />
    </li>
  );
}

function RoleCard({
  role,
  record,
  team,
  isNeeded,
}: {
  role: TeamRole;
  record: FullCase;
  team: Team;
  isNeeded: boolean;
}) {
  const { t, i18n } = useTranslation('cases');
  const member = team.members.find((candidate) => candidate.role === role);
  const referrals = team.referrals.filter((referral) => referral.role === role);
  const open = referrals.filter((referral) => isOpenReferral(referral.status));
  const past = referrals.filter((referral) => !isOpenReferral(referral.status) && referral.status !== 'accepted');
  const { canCoordinate } = record.permissions;
  const isActive = record.status === 'planning' || record.status === 'coordinating';
  // Referrals go out while the team is formed, and after discharge for a role the patient went home without.
  const canSearch =
    canCoordinate && (isActive || record.status === 'discharged') && !member && referableRoles.includes(role);
  const isWelfare = role === 'welfare_contact';
  const isFilled = isRoleFilled(role, team);
  // The server adds directly while the team is formed, and after discharge with roles still open.
  const canAddDirectly =
    canCoordinate && (isActive || record.status === 'discharged') && !member && !isWelfare && !isFilled;
  const headingId = `role-${role}`;
  return (
    <li className={isFilled ? 'role-card is-filled' : 'role-card is-open'}>
      <h3 id={headingId} className="role-card-title">
        {t(`codes.teamRole.${role}`)}{' '}
        {isFilled ? <Badge tone="ok">{t('team.filled')}</Badge> : <Badge tone="danger">{t('team.open')}</Badge>}
        {!isNeeded ? <Badge>{t('team.notNeeded')}</Badge> : null}
      </h3>
      {member ? (
        <div className="role-member">
          <p>
            <Link to={`/organizations/${member.organization.id}`}>{member.organization.name}</Link>{' '}
            <span className="muted small">{t(`codes.kind.${member.organization.kind}`)}</span>
          </p>
          <p className="small">
            {t('team.since', { date: formatDate(member.since, i18n.language) })} ・{' '}
            {member.viaReferral ? t('team.viaReferral') : t('team.direct')}
            {member.organization.phone ? ` ・ ${t('team.phone', { phone: member.organization.phone })}` : ''}
            {member.organization.professionalPhone
              ? ` ・ ${t('team.professionalPhone', { phone: member.organization.professionalPhone })}`
              : ''}
          </p>
        </div>
      ) : isWelfare ? (
        <WelfareRoleState team={team} canLink={record.permissions.canUseThread} />
      ) : (
        <p className="small">
          {open.length > 0
            ? t('team.waiting', { count: open.length })
            : referrals.length > 0
              ? t('team.noOpenReferral')
              : // A team member is not shown the hospital's referrals: it cannot say none were sent.
                canCoordinate
                ? t('team.noReferral')
                : t('team.notYetFilled')}
        </p>
      )}
      {open.length > 0 ? (
        <ul className="referral-lines">
          {open.map((referral) => (
            <ReferralLine key={referral.id} referral={referral} canCoordinate={canCoordinate} />
          ))}
        </ul>
      ) : null}
      {past.length > 0 ? (
        <details className="past-referrals">
          <summary>{t('team.past', { count: past.length })}</summary>
          <ul className="referral-lines">
            {past.map((referral) => (
              <ReferralLine key={referral.id} referral={referral} canCoordinate={false} />
            ))}
          </ul>
        </details>
      ) : null}
      {canSearch ? (
        <Disclosure
          label={open.length > 0 || past.length > 0 ? t('team.searchAgain') : t('team.search')}
          accessibleLabel={t(open.length > 0 || past.length > 0 ? 'team.searchAgainLabel' : 'team.searchLabel', {
            role: t(`codes.teamRole.${role}`),
          })}
          tone="primary"
        >
          {() => (
            <CandidatePanel
              caseId={record.id}
              role={role}
              team={team}
              route={record.route}
              home={{ lat: record.patient.lat, lng: record.patient.lng }}
              plannedDischargeDate={record.plannedDischargeDate}
            />
          )}
        </Disclosure>
      ) : null}
      {canAddDirectly ? (
        <Disclosure
          label={t('direct.open')}
          accessibleLabel={t('direct.openLabel', { role: t(`codes.teamRole.${role}`) })}
          size="small"
        >
          {() => <DirectAddPanel caseId={record.id} role={role} />}
        </Disclosure>
      ) : null}
    </li>
  );
}

export function TeamView({ record, team }: { record: FullCase; team: Team }) {
  const { t } = useTranslation('cases');
  const roles = teamRoles.filter(
    (role) =>
      record.neededRoles.includes(role) ||
      team.members.some((member) => member.role === role) ||
      team.referrals.some((referral) => referral.role === role),
  );
  const filled = roles.filter((role) => isRoleFilled(role, team)).length;
  return (
    <>
      <p className="lead">
        {filled === roles.length ? t('team.complete') : t('team.progress', { filled, total: roles.length })}
      </p>
      {record.status === 'planning' && record.permissions.canCoordinate ? (
        <p className="alert alert-info small">{t('team.chooseRouteFirst')}</p>
      ) : null}
      <ul className="role-cards">
        {roles.map((role) => (
          <RoleCard key={role} role={role} record={record} team={team} isNeeded={record.neededRoles.includes(role)} />
        ))}
      </ul>
    </>
  );
}
