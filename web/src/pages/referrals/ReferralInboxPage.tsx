/**
 * 紹介の受信 (providers): the referrals sent to the caller's organisation, by state (新着・閲覧済み・質問中・受諾・
 * 辞退・期限切れ・取り下げ), with the deadline and only the minimum necessary about the patient. Welfare windows also
 * see the welfare links addressed to them.
 */
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOpenWelfareLinks, useReferralBox, useRefreshOnNotification, useWelfareInbox } from '../../api/cases';
import { activeCaseStatuses, referralStatuses, type ReferralStatus } from '../../api/case-codes';
import { formatDate, formatDateTime } from '../../format';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/DataTable';
import { ResultCount } from '../../components/ResultCount';
import { LoadMore } from '../../components/LoadMore';
import { CodeTags } from '../../components/cases/CodeTags';
import { DaysLeft, DischargedOn, OverdueBadge, ReferralStatusBadge } from '../../components/cases/CaseBadges';
import { useServerText } from '../../i18n/server-text';
import '../../components/cases/cases.css';

const tabs = ['open', ...referralStatuses, 'all'] as const;
type Tab = (typeof tabs)[number];

function statusesOf(tab: Tab): readonly ReferralStatus[] {
  if (tab === 'all') return [];
  if (tab === 'open') return ['sent', 'viewed', 'needs_info'];
  return [tab];
}

export function ReferralInboxPage() {
  useRefreshOnNotification();
  const { t, i18n } = useTranslation('cases');
  const serverText = useServerText();
  usePageTitle(t('referralInbox.title'));
  // The ward, and how far the home is from this office (the ward alone says little: 北区 reaches 30 km north).
  const withDistance = (area: string, km: number | null) =>
    km === null ? area : t('referralInbox.areaDistance', { area, km });
  const [params] = useSearchParams();
  const tab: Tab = tabs.find((candidate) => candidate === params.get('status')) ?? 'open';
  const box = useReferralBox('inbox', statusesOf(tab));
  // Whether any link ever came (the first page says), and how many are still open (counted whole).
  const welfare = useWelfareInbox();
  const welfareOpen = useOpenWelfareLinks().data?.items ?? [];
  const rows = box.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1>{t('referralInbox.title')}</h1>
      <p className="lead">{t('referralInbox.lead')}</p>
      <p className="small">
        <Link to="/consultations">{t('caseList.toDesk')}</Link>
        {welfareOpen.length > 0 || (welfare.data?.pages[0]?.items.length ?? 0) > 0 ? (
          <>
            {' ・ '}
            <Link to="/welfare-links">{t('welfareInbox.link', { count: welfareOpen.length })}</Link>
          </>
        ) : null}
      </p>

      <nav className="tab-bar" aria-label={t('referralInbox.filterLabel')}>
        <ul>
          {tabs.map((candidate) => (
            <li key={candidate}>
              <Link
                to={candidate === 'open' ? '/referrals' : `/referrals?status=${candidate}`}
                aria-current={candidate === tab ? 'page' : undefined}
              >
                {t(`referralInbox.tabs.${candidate}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <ErrorAlert error={box.error} />
      <ResultCount
        isPending={box.isPending}
        isSuccess={box.isSuccess}
        count={rows.length}
        hasMore={box.hasNextPage}
        none={t('referralInbox.none')}
        shown={t('referralInbox.shown', { count: rows.length })}
        shownMore={t('referralInbox.shownMore', { count: rows.length })}
      />

      {rows.length > 0 ? (
        <DataTable id="referral-inbox-caption" caption={t('referralInbox.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('referralInbox.request')}</th>
              <th scope="col">{t('referralInbox.status')}</th>
              <th scope="col">{t('referralInbox.deadline')}</th>
              <th scope="col">{t('referralInbox.patient')}</th>
              <th scope="col">{t('referralInbox.needs')}</th>
              <th scope="col">{t('referralInbox.discharge')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((referral) => (
              <tr key={referral.id} className={referral.status === 'sent' ? 'is-new' : undefined}>
                <th scope="row">
                  <Link to={`/referrals/${referral.id}`}>
                    {t('referralInbox.requestTitle', { role: t(`codes.teamRole.${referral.role}`) })}
                  </Link>
                  <span className="muted small case-list-sub">
                    {t('referralInbox.from', {
                      sender: referral.sender.name,
                      date: formatDateTime(referral.createdAt, i18n.language),
                    })}
                  </span>
                </th>
                <td data-label={t('referralInbox.status')}>
                  <div className="cell">
                    <span className="badge-row">
                      <ReferralStatusBadge status={referral.status} />
                      {referral.isOverdue ? <OverdueBadge /> : null}
                    </span>
                  </div>
                </td>
                <td data-label={t('referralInbox.deadline')}>
                  <div className="cell">{formatDateTime(referral.respondBy, i18n.language)}</div>
                </td>
                <td data-label={t('referralInbox.patient')}>
                  <div className="cell">
                    {referral.patientName ? <strong className="block">{referral.patientName}</strong> : null}
                    {referral.case
                      ? t('referralInbox.summary', {
                          ageBand: serverText.ageBand(referral.case.ageBand),
                          sex: t(`codes.sex.${referral.case.sex}`),
                          area: withDistance(
                            referral.case.areaName
                              ? serverText.wardName(referral.case.areaName)
                              : t('general.notRecorded'),
                            referral.distanceKm,
                          ),
                          careLevel: t(`codes.careLevel.${referral.case.careLevel}`),
                        })
                      : t('general.none')}
                  </div>
                </td>
                <td data-label={t('referralInbox.needs')}>
                  <div className="cell">
                    {referral.case ? (
                      <div className="tag-stack">
                        <CodeTags codes={referral.case.groups} labelKey="codes.patientGroup" />
                        <CodeTags codes={referral.case.procedures} labelKey="codes.procedure" />
                      </div>
                    ) : null}
                  </div>
                </td>
                <td data-label={t('referralInbox.discharge')}>
                  <div className="cell">
                    {referral.case?.dischargedOn ? (
                      <DischargedOn date={referral.case.dischargedOn} />
                    ) : referral.case ? (
                      <>
                        <span className="nowrap">{formatDate(referral.case.plannedDischargeDate, i18n.language)}</span>{' '}
                        <DaysLeft
                          date={referral.case.plannedDischargeDate}
                          isDone={!activeCaseStatuses.includes(referral.case.status)}
                        />
                      </>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      <LoadMore
        hasNextPage={box.hasNextPage}
        isFetchingNextPage={box.isFetchingNextPage}
        onLoadMore={() => void box.fetchNextPage()}
      />
    </>
  );
}
