/**
 * The top of an organisation's edit page (自組織の情報): when its 受入状況 is older than the configured days (or was
 * never entered) a 「要確認」 warning says what that means for the searches and offers to confirm the current status
 * in one click (its hint names the button by its label); and, always, where the basic information comes from (出典)
 * and whether the values are デモ値.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicConfig, useUpdateAvailability } from '../../api/queries';
import { isApiError, type ApiError } from '../../api/client';
import type { Organization } from '../../api/types';
import { DemoValueBadge, StaleBadge } from '../Badge';
import { ErrorAlert } from '../ErrorAlert';
import { useServerText } from '../../i18n/server-text';
import './directory.css';

type Props = {
  organization: Organization;
  version: number;
  onSaved: (organization: Organization) => void;
  onConflict: (error: ApiError) => void;
  /** Shown with the confirmation (a way back to the list the page was opened from). */
  afterConfirmed?: ReactNode;
};

export function StaleAvailabilityNotice({ organization, version, onSaved, onConflict, afterConfirmed }: Props) {
  const { t, i18n } = useTranslation('directory');
  const serverText = useServerText();
  const config = usePublicConfig();
  const update = useUpdateAvailability(organization.id);
  // In English the public data's 出典 is said the way the organisation page's source lines say it (its publisher and
  // title); Renkei's own entries and a source without English names keep their attribution.
  const source = serverText.dataSource(organization.source);
  const sourceAttribution =
    i18n.language === 'en' && source.named
      ? t('sources.named', { ns: 'translation', publisher: source.named.publisher, title: source.named.title })
      : source.attribution;
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const availability = organization.availability;
  const isStale = availability === null || availability.isStale;
  const days = config.data?.staleAvailabilityDays ?? 14;
  // The hint names the button by its label, so that the two never disagree.
  const confirmLabel = availability ? t('own.confirmUnchanged', { status: t(`status.${availability.status}`) }) : '';

  const confirmUnchanged = () => {
    if (!availability) return;
    setConfirmed(null);
    update.mutate(
      { version, body: { status: availability.status, freeSlots: availability.freeSlots, note: availability.note } },
      {
        onSuccess: (saved) => {
          setConfirmed(t('own.confirmedDone'));
          onSaved(saved);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) onConflict(error);
        },
      },
    );
  };
  const shownError = isApiError(update.error) && update.error.status === 412 ? null : update.error;

  return (
    <>
      {isStale ? (
        <section className="alert alert-warning stale-warning" aria-labelledby="stale-warning-title">
          <h2 id="stale-warning-title">
            <StaleBadge />
            {availability ? t('own.staleTitle', { count: availability.ageDays }) : t('own.missingTitle')}
          </h2>
          <p>{t('own.staleText', { days, count: days })}</p>
          {availability ? (
            <>
              <p>{t('own.confirmHint', { button: confirmLabel })}</p>
              <p>
                <button
                  type="button"
                  className="button button-small"
                  onClick={confirmUnchanged}
                  disabled={update.isPending}
                >
                  {confirmLabel}
                </button>
                <a className="stale-warning-link" href="#edit-availability">
                  {t('own.goToForm')}
                </a>
              </p>
            </>
          ) : (
            <p>
              <a href="#edit-availability">{t('own.goToForm')}</a>
            </p>
          )}
          <ErrorAlert error={shownError} />
        </section>
      ) : null}
      <div className="status-region" role="status">
        {confirmed ? (
          <div className="alert alert-success">
            <p>{confirmed}</p>
            {afterConfirmed ? <p>{afterConfirmed}</p> : null}
          </div>
        ) : null}
      </div>
      <div className="own-notes small muted">
        <p>{t('own.sourceNote', { attribution: sourceAttribution })}</p>
        {organization.isDemoProfile || organization.isDemoAvailability ? (
          <p>
            <DemoValueBadge />{' '}
            {t(
              organization.isDemoProfile && organization.isDemoAvailability
                ? 'own.demoNote'
                : organization.isDemoProfile
                  ? 'own.demoNoteProfile'
                  : 'own.demoNoteAvailability',
            )}
          </p>
        ) : null}
      </div>
    </>
  );
}
