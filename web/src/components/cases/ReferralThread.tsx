/**
 * The question thread of one referral: the receiver asks (the referral becomes 質問中), the sender answers on the
 * same thread (back to 閲覧済み). Both post with an Idempotency-Key.
 */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey, usePostReferralQuestion, useReferral } from '../../api/cases';
import type { Referral } from '../../api/case-types';
import { isOpenReferral } from '../../api/case-codes';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../ErrorAlert';
import { StatusMessage } from '../StatusMessage';
import { TextAreaField } from './TextAreaField';
import { LinkedText } from '../LinkedText';

type Props = {
  referral: Referral;
  viewer: 'sender' | 'receiver';
  /**
   * Told the confirmation instead of showing it here: a sender's answer turns 質問中 back into 閲覧済み, and the
   * team view then folds this thread away — the confirmation must live where it stays on screen.
   */
  onPosted?: (message: string) => void;
};

export function ReferralThread({ referral, viewer, onPosted }: Props) {
  const { t, i18n } = useTranslation('cases');
  const post = usePostReferralQuestion();
  const idempotency = useIdempotencyKey();
  const [text, setText] = useState('');
  const [isEmpty, setEmpty] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const messages = referral.messages ?? [];
  const canPost = viewer === 'receiver' ? isOpenReferral(referral.status) : referral.status === 'needs_info';

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const body = text.trim();
    setEmpty(body === '');
    if (!body) return;
    setDone(null);
    post.mutate(
      { id: referral.id, text: body, key: idempotency.keyFor({ id: referral.id, body }) },
      {
        onSuccess: () => {
          idempotency.reset();
          setText('');
          const message = viewer === 'receiver' ? t('thread.asked') : t('thread.answered');
          if (onPosted) onPosted(message);
          else setDone(message);
        },
      },
    );
  };

  return (
    <div className="referral-thread">
      {messages.length === 0 ? (
        <p className="muted small">{t('thread.empty')}</p>
      ) : (
        <ol className="message-list">
          {messages.map((message) => (
            <li key={message.id} className={`message message-${message.kind === 'question' ? 'question' : 'answer'}`}>
              <p className="message-meta">
                <strong>{message.kind === 'question' ? t('thread.question') : t('thread.answer')}</strong>{' '}
                {[message.authorName, message.authorOrganizationName].filter(Boolean).join(t('common.spacedSeparator'))}{' '}
                <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, i18n.language)}</time>
              </p>
              <p className="message-body">
                <LinkedText text={message.body} />
              </p>
            </li>
          ))}
        </ol>
      )}
      {canPost ? (
        <form className="action-form" onSubmit={submit} noValidate>
          <TextAreaField
            label={viewer === 'receiver' ? t('thread.askLabel') : t('thread.answerLabel')}
            hint={viewer === 'receiver' ? t('thread.askHint') : undefined}
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            maxLength={4000}
            error={isEmpty ? t('thread.emptyText') : undefined}
          />
          <ErrorAlert error={post.error} showDetails />
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={post.isPending}>
              {viewer === 'receiver' ? t('thread.askSubmit') : t('thread.answerSubmit')}
            </button>
          </div>
        </form>
      ) : null}
      <StatusMessage message={done} />
    </div>
  );
}

/** The thread of a referral the page knows only by id (the sender's case page). */
export function LoadedReferralThread({ id, onPosted }: { id: string; onPosted?: (message: string) => void }) {
  const { t } = useTranslation('cases');
  const referral = useReferral(id);
  if (referral.isPending) return <p className="muted small">{t('common.loading')}</p>;
  if (referral.isError) return <ErrorAlert error={referral.error} />;
  return <ReferralThread referral={referral.data} viewer="sender" onPosted={onPosted} />;
}
