/** 利用者管理: the accounts the caller may manage (all for admin, member providers for an association). */
import { Fragment, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/queries';
import { formatDateTime } from '../format';
import { useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadMore } from '../components/LoadMore';
import { DataTable } from '../components/DataTable';
import { Badge } from '../components/Badge';
import { UserCreateForm } from '../components/UserCreateForm';
import { UserActions } from '../components/UserActions';
import { StatusMessage } from '../components/StatusMessage';
import { emailBreakParts } from '../components/email-breaks';

/** An address that wraps only before its @ and dots (a narrow column never splits 「renkei」 in two). */
function Email({ address }: { address: string }) {
  return (
    <span className="email-address">
      {emailBreakParts(address).map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('users.title'));
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [isCreating, setIsCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const createToggle = useRef<HTMLButtonElement>(null);
  const [openUserId, setOpenUserId] = useState<string | null>(null);
  const list = useUsers(query);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  // The form closes once a user is added: the page says so, and 「利用者を追加」 opens it again for the next one.
  const userCreated = (email: string) => {
    setIsCreating(false);
    setCreated(t('users.created', { email }));
    createToggle.current?.focus();
  };

  const search = (event: SubmitEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };

  return (
    <>
      <h1>{t('users.title')}</h1>
      <p className="lead">{me.role === 'admin' ? t('users.leadAdmin') : t('users.leadAssociation')}</p>

      <section aria-labelledby="users-create" className="section">
        <h2 id="users-create">{t('users.createTitle')}</h2>
        <StatusMessage message={created} />
        <button
          ref={createToggle}
          type="button"
          className="button button-secondary"
          aria-expanded={isCreating}
          aria-controls="user-create-panel"
          onClick={() => {
            setCreated(null);
            setIsCreating((value) => !value);
          }}
        >
          {isCreating ? t('users.closeCreate') : t('users.openCreate')}
        </button>
        <div id="user-create-panel" hidden={!isCreating} className="card">
          {isCreating ? <UserCreateForm onCreated={userCreated} /> : null}
        </div>
      </section>

      <section aria-labelledby="users-list" className="section">
        <h2 id="users-list">{t('users.listTitle')}</h2>
        <form className="search-form" onSubmit={search} role="search" aria-label={t('users.searchLabel')}>
          <TextField
            label={t('users.query')}
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <div className="search-form-actions">
            <button type="submit" className="button">
              {t('common.search')}
            </button>
          </div>
        </form>
        <ErrorAlert error={list.error} />
        <div role="status" className="status-region">
          {list.isPending ? <p>{t('common.loading')}</p> : null}
          {list.isSuccess && rows.length === 0 ? <p>{t('users.noResults')}</p> : null}
        </div>
        {rows.length > 0 ? (
          <DataTable id="users-caption" caption={t('users.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.organization')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">{t('users.lastLogin')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((user) => (
                <Fragment key={user.id}>
                  <tr>
                    <th scope="row">{user.name}</th>
                    <td data-label={t('users.email')}>
                      <Email address={user.email} />
                    </td>
                    <td data-label={t('users.role')}>{t(`codes.role.${user.role}`)}</td>
                    <td data-label={t('users.organization')}>{user.organizationName ?? t('common.none')}</td>
                    <td data-label={t('users.state')}>
                      <span className="badge-row">
                        {user.disabled ? (
                          <Badge tone="danger">{t('users.stateDisabled')}</Badge>
                        ) : (
                          <Badge tone="ok">{t('users.stateActive')}</Badge>
                        )}
                        <Badge>{user.isMfaEnabled ? t('users.mfaOn') : t('users.mfaOff')}</Badge>
                        {user.mustChangePassword ? <Badge tone="warning">{t('users.mustChange')}</Badge> : null}
                        {user.isDemo ? <Badge tone="demo">{t('badges.demo')}</Badge> : null}
                      </span>
                    </td>
                    <td data-label={t('users.lastLogin')} className="nowrap">
                      {user.lastLoginAt ? formatDateTime(user.lastLoginAt, i18n.language) : t('users.neverLoggedIn')}
                    </td>
                    <td data-label={t('common.actions')}>
                      <button
                        type="button"
                        className="button button-small button-secondary"
                        aria-expanded={openUserId === user.id}
                        aria-controls={openUserId === user.id ? `user-actions-${user.id}` : undefined}
                        aria-label={t('users.actionsFor', { name: user.name })}
                        onClick={() => setOpenUserId((current) => (current === user.id ? null : user.id))}
                      >
                        {t('users.actions')}
                      </button>
                    </td>
                  </tr>
                  {openUserId === user.id ? (
                    <tr id={`user-actions-${user.id}`} className="actions-row">
                      <td colSpan={7}>
                        <UserActions user={user} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </DataTable>
        ) : null}
        <LoadMore
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      </section>
    </>
  );
}
