/**
 * One page to keep an organisation fresh (issue 4: "in a few clicks"): 受入状況 at the top, the profile below, and
 * last the basic record (名称・所在地) to correct a name, ふりがな, postal code, ward or address.
 * Each part has its own button. A 受入状況 chosen but not saved is said in its card and in the profile's bar that
 * stays at the bottom of the window (with a button that saves it), and leaving the page asks first — so that the
 * profile's 「対応内容と連絡先を保存」 is never taken for saving the 受入状況 too.
 * Both forms send the version they started from (If-Match); on 412 the page says, right under the button that was
 * pressed (focused and scrolled into view), who changed the record and when (the audit trail, or the 受入状況's
 * author) in one sentence — neutrally when it was the user in another tab —, shows the record as it is now, and
 * keeps the user's input until they reload.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOrganization } from '../api/queries';
import { directoryKeys } from '../api/directory';
import type { Organization } from '../api/types';
import type { ApiError } from '../api/client';
import { api } from '../api/client';
import { canEditOrganization, useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';
import { formatDateTime } from '../format';
import { ErrorAlert } from '../components/ErrorAlert';
import { revealMessage } from '../components/FormErrorSummary';
import { AvailabilityForm, availabilityFormId } from '../components/AvailabilityForm';
import { availabilityDraftOf, isAvailabilityPending, type AvailabilityDraft } from '../components/availability-draft';
import { useLeaveGuard } from '../components/useLeaveGuard';
import { ProfileForm } from '../components/ProfileForm';
import { OrganizationBasicsForm } from '../components/OrganizationBasicsForm';
import { AvailabilitySummary } from '../components/AvailabilitySummary';
import { Badge, DemoValueBadge } from '../components/Badge';
import { StaleAvailabilityNotice } from '../components/directory/StaleAvailabilityNotice';
import { BackupHospitalSection } from '../components/escalation/BackupHospitalSection';
import { conflictWording, type ConflictAuthor, type ConflictWording } from '../components/conflict-wording';
import { backLinkOf, type BackLink } from '../components/edit-origin';

export function OrganizationEditPage() {
  const { id } = useParams();
  const location = useLocation();
  return <OrganizationEditor organizationId={id ?? ''} isOwnOrganization={false} back={backLinkOf(location.search)} />;
}

type EditorProps = {
  organizationId: string;
  isOwnOrganization: boolean;
  /** The association's list the page was opened from (the way back is offered). */
  back?: BackLink | null;
};

export function OrganizationEditor({ organizationId, isOwnOrganization, back = null }: EditorProps) {
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
      back={back}
      onReload={reload}
      onConflictSeen={() => void organization.refetch()}
      isReloading={organization.isFetching}
    />
  );
}

/** The organisation's changes (not reads), newest first, as far as the signed-in user may see its audit trail. */
const changeActions = ['update', 'update_availability', 'create'];

/**
 * Who made the change the user's save collided with (conflict-wording.ts): from the audit trail when the user may
 * read it (the organisation itself, the admin), else from the 受入状況's author; null while it is being looked up.
 */
function useConflictWording(
  organization: Organization,
  isNewer: boolean,
  seenAvailabilityUpdatedAt: string | null,
): ConflictWording | null {
  const me = useCurrentUser();
  const audit = useQuery({
    queryKey: ['audit', 'last-change', organization.id, organization.version],
    queryFn: () => api.audit({ entity: 'organization', entityId: organization.id, limit: 20 }),
    retry: false,
    enabled: isNewer,
  });
  if (!isNewer || audit.isPending) return null;
  return conflictWording({
    me,
    lastAuditedChange: audit.data?.items.find((event) => changeActions.includes(event.action)) ?? null,
    availability: organization.availability,
    seenAvailabilityUpdatedAt,
  });
}

const conflictTitleKeys: Record<ConflictAuthor, string> = {
  self: 'edit.conflictTitleSelf',
  other: 'edit.conflictTitle',
  unknown: 'edit.conflictTitleUnknown',
};

/** The banner's sentence: 「〇〇さんが 2026年11月26日(木) 10:05 に受入状況を更新しました。」 or a general one. */
function useConflictSentence(wording: ConflictWording | null): string {
  const { t, i18n } = useTranslation('directory');
  const sentence = wording?.sentence ?? { kind: 'general' };
  switch (sentence.kind) {
    case 'audit': {
      const what = sentence.isAvailability ? t('conflict.changedAvailability') : t('conflict.changedProfile');
      const date = formatDateTime(sentence.at, i18n.language);
      if (wording?.author === 'self') return t('conflict.changedByYou', { date, what });
      return sentence.actorName
        ? t('conflict.changedBy', { name: sentence.actorName, date, what })
        : t('conflict.changedBySomeone', { date, what });
    }
    case 'availability':
      return t('conflict.availabilityBy', { name: sentence.name, date: formatDateTime(sentence.at, i18n.language) });
    case 'general':
      return t('edit.conflictSentence');
  }
}

/** The part of the page whose save met a newer version: the notice is shown right after it. */
type ConflictSource = 'stale' | 'availability' | 'backup' | 'profile' | 'basics';
/** Where the last 412 was met, and how many there were (each shows its notice afresh, taking the focus). */
type Conflict = { source: ConflictSource; count: number };

type NoticeProps = {
  /** The record as it is now (fetched again after the 412). */
  current: Organization;
  /** Whether the record fetched again is newer than the forms' version (then who changed it can be said). */
  isNewer: boolean;
  /** When the 受入状況 was last updated as the page knew it (loaded, or saved from this page). */
  seenAvailabilityUpdatedAt: string | null;
  onReload: () => Promise<void>;
  isReloading: boolean;
};

/**
 * 「他の利用者が更新しました」 — or 「別の画面でこの内容が更新されています」 when it was the user in another tab —
 * next to the button that was pressed: one sentence on who changed what and when (or a general one), what reloading
 * does, and the reload button. It takes the focus and scrolls into view when shown, so a user who pressed a button
 * far down the page sees it.
 */
function ConflictNotice({ current, isNewer, seenAvailabilityUpdatedAt, onReload, isReloading }: NoticeProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const wording = useConflictWording(current, isNewer, seenAvailabilityUpdatedAt);
  const sentence = useConflictSentence(wording);
  useEffect(() => {
    revealMessage(box.current);
  }, []);
  return (
    <div ref={box} className="alert alert-error conflict" tabIndex={-1} style={{ scrollMarginTop: '1rem' }}>
      <p>
        <strong>{t(conflictTitleKeys[wording?.author ?? 'unknown'])}</strong>
      </p>
      <p>{sentence}</p>
      <p>{t('edit.conflictText')}</p>
      <button type="button" className="button" onClick={() => void onReload()} disabled={isReloading}>
        {t('edit.reload')}
      </button>
    </div>
  );
}

type FormsProps = {
  title: string;
  /** The record as it was when the forms were filled in (their starting point and If-Match version). */
  initial: Organization;
  /** The record as cached now (shown as 「現在の受入状況」). */
  current: Organization;
  isOwnOrganization: boolean;
  back: BackLink | null;
  onReload: () => Promise<void>;
  /** A save met a newer version: fetch the record as it is now (shown above the forms, which keep their input). */
  onConflictSeen: () => void;
  isReloading: boolean;
};

function EditorForms({
  title,
  initial,
  current,
  isOwnOrganization,
  back,
  onReload,
  onConflictSeen,
  isReloading,
}: FormsProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [version, setVersion] = useState(initial.version);
  const [conflict, setConflictState] = useState<Conflict | null>(null);
  // The 受入状況 as this page last knew it: a later one is someone's change (the banner may name its author).
  const [seenAvailabilityUpdatedAt, setSeenAvailabilityUpdatedAt] = useState(initial.availability?.updatedAt ?? null);
  const queryClient = useQueryClient();
  const saved = (organization: Organization) => {
    // The association's list of stale members is read afresh, not shown from before the save.
    queryClient.removeQueries({ queryKey: directoryKeys.stale });
    setVersion(organization.version);
    setSeenAvailabilityUpdatedAt(organization.availability?.updatedAt ?? null);
  };
  // The 受入状況 being chosen: the page says, wherever the user is on it, when it is not saved yet.
  const [availabilityDraft, setAvailabilityDraft] = useState<AvailabilityDraft>(() =>
    availabilityDraftOf(initial.availability),
  );
  const hasPendingAvailability = isAvailabilityPending(availabilityDraft, current.availability);
  useLeaveGuard(hasPendingAvailability, t('edit.leavePendingAvailability'));
  // The bar's button saved the 受入状況: the bar says so (the card's own message is out of view).
  const [isSavingFromBar, setIsSavingFromBar] = useState(false);
  const [isSavedFromBar, setIsSavedFromBar] = useState(false);
  const changeAvailabilityDraft = (draft: AvailabilityDraft) => {
    setIsSavedFromBar(false);
    setAvailabilityDraft(draft);
  };
  const availabilitySaved = (organization: Organization) => {
    saved(organization);
    if (isSavingFromBar) setIsSavedFromBar(true);
    setIsSavingFromBar(false);
  };
  // Opened from one of the association's lists: the way back, above the title and after each save.
  const backToOrigin = back ? <Link to={back.path}>{t(back.labelKey)}</Link> : null;
  const pendingStatus = availabilityDraft.status ? t(`availabilityForm.choice.${availabilityDraft.status}`) : null;
  const barNotice = hasPendingAvailability ? (
    <div className="bar-pending">
      <p>
        <Badge tone="warning">{t('availabilityForm.pendingBadge')}</Badge>{' '}
        {pendingStatus
          ? t('edit.barPendingAvailability', { status: pendingStatus })
          : t('edit.barPendingAvailabilityNoStatus')}
      </p>
      <button
        type="submit"
        form={availabilityFormId}
        className="button button-secondary"
        onClick={() => setIsSavingFromBar(true)}
      >
        {pendingStatus ? t('edit.barSaveAvailability', { status: pendingStatus }) : t('edit.barGoToAvailability')}
      </button>
    </div>
  ) : isSavedFromBar ? (
    <p>{t('availabilityForm.saved')}</p>
  ) : null;
  // The 412's own sentence is not repeated: the notice says who changed what and when, in the user's language.
  const conflictIn = (source: ConflictSource) => (_error: ApiError) => {
    setConflictState((previous) => ({ source, count: (previous?.count ?? 0) + 1 }));
    onConflictSeen();
  };
  // A region always present (so that screen readers announce what appears in it), right after the part whose save
  // met the newer version.
  const conflictAfter = (source: ConflictSource) => (
    <div className="alert-region" role="alert">
      {conflict?.source === source ? (
        <ConflictNotice
          key={conflict.count}
          current={current}
          isNewer={current.version !== version}
          seenAvailabilityUpdatedAt={seenAvailabilityUpdatedAt}
          onReload={onReload}
          isReloading={isReloading}
        />
      ) : null}
    </div>
  );

  return (
    <>
      <p className="breadcrumb">
        {backToOrigin ? (
          <>
            {backToOrigin}
            {' ・ '}
          </>
        ) : null}
        <Link to={`/organizations/${initial.id}`}>{t('edit.backToOrganization')}</Link>
      </p>
      <h1>{title}</h1>
      {isOwnOrganization ? <p className="lead">{initial.name}</p> : null}
      <p className="muted">{t('edit.lead')}</p>

      <StaleAvailabilityNotice
        organization={current}
        version={version}
        onSaved={saved}
        onConflict={conflictIn('stale')}
        afterConfirmed={backToOrigin}
      />
      {conflictAfter('stale')}

      <section aria-labelledby="edit-availability" className="section card">
        <h2 id="edit-availability">
          {t('organization.sectionAvailability')}{' '}
          {current.isDemoAvailability && current.availability ? <DemoValueBadge /> : null}
        </h2>
        <h3 className="subheading">{t('edit.currentAvailability')}</h3>
        <AvailabilitySummary availability={current.availability} />
        <h3 className="subheading">{t('edit.newAvailability')}</h3>
        <AvailabilityForm
          initial={initial}
          version={version}
          draft={availabilityDraft}
          onDraftChange={changeAvailabilityDraft}
          isPending={hasPendingAvailability}
          onUndo={() => changeAvailabilityDraft(availabilityDraftOf(current.availability))}
          onSaved={availabilitySaved}
          onConflict={conflictIn('availability')}
          afterSaved={backToOrigin}
        />
        {conflictAfter('availability')}
      </section>

      <BackupHospitalSection
        initial={initial}
        current={current}
        version={version}
        onSaved={saved}
        onConflict={conflictIn('backup')}
      />
      {conflictAfter('backup')}

      <section aria-labelledby="edit-profile" className="section">
        <h2 id="edit-profile">
          {t('edit.profileTitle')} {current.isDemoProfile ? <DemoValueBadge /> : null}
        </h2>
        <ProfileForm
          initial={initial}
          version={version}
          onSaved={saved}
          onConflict={conflictIn('profile')}
          barNotice={barNotice}
          hasPendingElsewhere={hasPendingAvailability}
        />
        {conflictAfter('profile')}
      </section>

      <section aria-labelledby="edit-basics" className="section">
        <h2 id="edit-basics">{t('basicsForm.title')}</h2>
        <p className="muted small">{t('basicsForm.lead')}</p>
        <OrganizationBasicsForm
          initial={initial}
          canEditCodes={me.role === 'admin'}
          version={version}
          onSaved={saved}
          onConflict={conflictIn('basics')}
        />
        {conflictAfter('basics')}
      </section>
    </>
  );
}
