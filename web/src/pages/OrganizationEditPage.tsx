/**
 * One page to keep an organisation fresh (issue 4: "in a few clicks"): 受入状況 at the top, the profile below.
 * Both forms send the version they started from (If-Match); on 412 the user's input stays until they reload.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOrganization } from '../api/queries';
import type { Organization } from '../api/types';
import type { ApiError } from '../api/client';
import { canEditOrganization, useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';
import { ErrorAlert } from '../components/ErrorAlert';
import { AvailabilityForm } from '../components/AvailabilityForm';
import { ProfileForm } from '../components/ProfileForm';
import { AvailabilitySummary } from '../components/AvailabilitySummary';
import { DemoValueBadge } from '../components/Badge';
import { StaleAvailabilityNotice } from '../components/directory/StaleAvailabilityNotice';

export function OrganizationEditPage() {
  const { id } = useParams();
  return <OrganizationEditor organizationId={id ?? ''} isOwnOrganization={false} />;
}

type EditorProps = { organizationId: string; isOwnOrganization: boolean };

export function OrganizationEditor({ organizationId, isOwnOrganization }: EditorProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const organization = useOrganization(organizationId);
  // Bumped by 「最新の内容を読み込む」: the forms start again from the reloaded record.
  const [loadCount, setLoadCount] = useState(0);
  const title = isOwnOrganization ? t('edit.ownTitle') : t('edit.title', { name: organization.data?.name ?? '' });
  usePageTitle(title);

  if (organization.isPending) return <p role="status">{t('common.loading')}</p>;
  if (organization.isError) {
    return (
      <>
        <h1>{title}</h1>
        <ErrorAlert error={organization.error} />
      </>
    );
  }
  if (!canEditOrganization(me, organization.data)) {
    return (
      <>
        <h1>{title}</h1>
        <p>{t('edit.notAllowed')}</p>
        <p>
          <Link to={`/organizations/${organization.data.id}`}>{t('edit.backToOrganization')}</Link>
        </p>
      </>
    );
  }

  const reload = async () => {
    const result = await organization.refetch();
    if (result.isSuccess) setLoadCount((count) => count + 1);
  };

  return (
    <EditorForms
      key={loadCount}
      title={title}
      initial={organization.data}
      current={organization.data}
      isOwnOrganization={isOwnOrganization}
      onReload={reload}
      isReloading={organization.isFetching}
    />
  );
}

type FormsProps = {
  title: string;
  /** The record as it was when the forms were filled in (their starting point and If-Match version). */
  initial: Organization;
  /** The record as cached now (shown as 「現在の受入状況」). */
  current: Organization;
  isOwnOrganization: boolean;
  onReload: () => Promise<void>;
  isReloading: boolean;
};

function EditorForms({ title, initial, current, isOwnOrganization, onReload, isReloading }: FormsProps) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(initial.version);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const saved = (organization: Organization) => setVersion(organization.version);

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/organizations/${initial.id}`}>{t('edit.backToOrganization')}</Link>
      </p>
      <h1>{title}</h1>
      {isOwnOrganization ? <p className="lead">{initial.name}</p> : null}
      <p className="muted">{t('edit.lead')}</p>

      <div className="alert-region" role="alert">
        {conflict ? (
          <div className="alert alert-error conflict">
            <p>
              <strong>{t('edit.conflictTitle')}</strong>
            </p>
            <p>{conflict.message}</p>
            <p>{t('edit.conflictText')}</p>
            <button type="button" className="button" onClick={() => void onReload()} disabled={isReloading}>
              {t('edit.reload')}
            </button>
          </div>
        ) : null}
      </div>

      <StaleAvailabilityNotice organization={current} version={version} onSaved={saved} onConflict={setConflict} />

      <section aria-labelledby="edit-availability" className="section card">
        <h2 id="edit-availability">
          {t('organization.sectionAvailability')}{' '}
          {current.isDemoProfile && current.availability ? <DemoValueBadge /> : null}
        </h2>
        <h3 className="subheading">{t('edit.currentAvailability')}</h3>
        <AvailabilitySummary availability={current.availability} />
        <h3 className="subheading">{t('edit.newAvailability')}</h3>
        <AvailabilityForm initial={initial} version={version} onSaved={saved} onConflict={setConflict} />
      </section>

      <section aria-labelledby="edit-profile" className="section">
        <h2 id="edit-profile">
          {t('edit.profileTitle')} {current.isDemoProfile ? <DemoValueBadge /> : null}
        </h2>
        <ProfileForm initial={initial} version={version} onSaved={saved} onConflict={setConflict} />
      </section>
    </>
  );
}
