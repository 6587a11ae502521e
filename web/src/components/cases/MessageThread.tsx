/**
 * The team's message thread of a case (issue 5 item 8): the team, the hospital and the Center write here; each
 * message shows its author, organisation and time, and 「既読 2人 ・ 未読: 1組織」 opens to who read it and where nobody has. A message posted
 * by someone else appears at once (live case events, useLiveCase on the case page; a slow poll as a safety net);
 * reading marks it read.
 */
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseMessages, useIdempotencyKey, usePostCaseMessage } from '../../api/cases';
import type { CaseMessage } from '../../api/case-types';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../ErrorAlert';
import { TextAreaField } from './TextAreaField';
import { LinkedText } from '../LinkedText';

/**
 * Who read a message and who has not: 「既読 1人 ・ 未読: 2組織」, opening to the readers (with the time) and the
 * organisations of the thread where nobody has read it yet — never a bare 「未読」 that does not say whose.
 */
function ReadReceipt({ message }: { message: CaseMessage }) {
  const { t, i18n } = useTranslation('cases');
  const unread = message.unreadOrganizations ?? [];
  if (message.readBy.length === 0 && unread.length === 0)
    return <p className="small muted read-receipts">{t('messages.unread')}</p>;
  const parts = [
    message.readBy.length > 0 ? t('messages.readCount', { count: message.readBy.length }) : null,
    unread.length > 0 ? t('messages.unreadOrganizations', { count: unread.length }) : null,
  ].filter((part): part is string => part !== null);
  return (
    <details className="read-receipts">
      <summary title={unread.map((organization) => organization.name).join('、')}>
        {parts.join(t('common.spacedSeparator'))}
      </summary>
      {message.readBy.length > 0 ? (
        <>
          <p className="small read-receipts-title">{t('messages.readersTitle')}</p>
          <ul className="plain-list small">
            {message.readBy.map((reader) => (
              <li key={reader.userId}>
                {reader.name}
                {reader.organizationName ? t('common.inParentheses', { text: reader.organizationName }) : ''} ・{' '}
                {formatDateTime(reader.readAt, i18n.language)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unread.length > 0 ? (
        <>
          <p className="small read-receipts-title">{t('messages.unreadOrganizationsTitle')}</p>
          <ul className="plain-list small">
            {unread.map((organization) => (
              <li key={organization.id}>{organization.name}</li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}

/**
 * `canPost` false with a `closedNote`: the thread is read-only and says why (a cancelled case, a patient who died).
 */
export function MessageThread({
  caseId,
  canPost,
  closedNote,
}: {
  caseId: string;
  canPost: boolean;
  closedNote?: string | undefined;
}) {
  const { t, i18n } = useTranslation('cases');
  const messages = useCaseMessages(caseId, true);
  const post = usePostCaseMessage(caseId);
  const idempotency = useIdempotencyKey();
  const [text, setText] = useState('');
  const [isEmpty, setEmpty] = useState(false);
  const [news, setNews] = useState<string | null>(null);
  // What this reading found new (it marks the thread read: unreadCount is then 0).
  const unread = messages.data?.newlyRead ?? 0;
  const updatedAt = messages.dataUpdatedAt;

  useEffect(() => {
    if (unread > 0) setNews(t('messages.newArrived', { count: unread }));
  }, [unread, updatedAt, t]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const body = text.trim();
    setEmpty(!body);
    if (!body) return;
    post.mutate(
      { body, key: idempotency.keyFor(body) },
      {
        onSuccess: () => {
          idempotency.reset();
          setText('');
        },
      },
    );
  };

  const items = messages.data?.items ?? [];
  return (
    <div className="message-thread">
      <ErrorAlert error={messages.error} />
      <div className="status-region" role="status">
        {news ? <p className="small">{news}</p> : null}
      </div>
      {messages.isPending ? <p>{t('common.loading')}</p> : null}
      {messages.isSuccess && items.length === 0 ? <p className="muted">{t('messages.empty')}</p> : null}
      {items.length > 0 ? (
        <ol className="message-list" aria-label={t('messages.listLabel')}>
          {items.map((message) => (
            <li key={message.id} className={message.isMine ? 'message is-mine' : 'message'}>
              <p className="message-meta">
                <strong>{message.authorName ?? t('messages.unknownAuthor')}</strong>
                {message.authorOrganizationName ? <span> ・ {message.authorOrganizationName}</span> : null}{' '}
                <time dateTime={message.createdAt} className="muted">
                  {formatDateTime(message.createdAt, i18n.language)}
                </time>
              </p>
              <p className="message-body">
                <LinkedText text={message.body} />
              </p>
              <ReadReceipt message={message} />
            </li>
          ))}
        </ol>
      ) : null}
      {canPost ? (
        <form className="action-form message-form" onSubmit={submit} noValidate>
          <TextAreaField
            label={t('messages.postLabel')}
            hint={t('messages.postHint')}
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            maxLength={4000}
            error={isEmpty ? t('messages.emptyText') : undefined}
          />
          <ErrorAlert error={post.error} showDetails />
          <button type="submit" className="button" disabled={post.isPending}>
            {t('messages.post')}
          </button>
        </form>
      ) : closedNote ? (
        <p className="alert alert-info small message-thread-closed">{closedNote}</p>
      ) : null}
      {canPost ? <p className="muted small">{t('messages.refreshNote')}</p> : null}
    </div>
  );
}
