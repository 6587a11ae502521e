/**
 * Whom to ask when a provider has no phone number (most in the public data have none): the care manager, the
 * hospital's 地域連携室, the 地域包括支援センター of the ward (named when the ward is known), and — when nobody knows
 * — the 地域ケア総合推進センター, with the phone of its record and the 出典 and date of that record. Never a number
 * the directory does not have, and nothing promised: 「相談してみてください」. Under the search's results, and at the
 * foot of the leaflets (there the three desks in one sentence, to fit on the sheet).
 */
import { useTranslation } from 'react-i18next';
import { usePublicContacts } from '../../api/public-contacts';
import { usePublicWards } from '../../api/directory';
import { useServerText, plainDate } from '../../i18n/server-text';
import { telHref } from '../directory/CitizenResult';
import { useWardName } from './ward-names';
import { contactSourceLines } from './contact-sources';

type Props = {
  /** `search`: under the results; `leaflet`: at the foot of a guide. */
  variant: 'search' | 'leaflet';
  /** The ward searched (its 地域包括支援センター are named), if known. */
  areaCode?: string | null;
  /** The heading's id, for the results' links to it. */
  id?: string;
};

export function ContactHelp({ variant, areaCode = null, id = 'contact-help' }: Props) {
  const { t, i18n } = useTranslation('public');
  const serverText = useServerText();
  const wardName = useWardName();
  const contacts = usePublicContacts();
  const wards = usePublicWards();
  const items = contacts.data ?? [];
  const centers = items.filter((contact) => contact.kind === 'coordination_center');
  const ward = areaCode ? wards.data?.find((candidate) => candidate.code === areaCode) : undefined;
  const wardCenters = ward
    ? items.filter((contact) => contact.kind === 'community_support_center' && contact.areaCode === ward.code)
    : [];
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const sourceLines = contactSourceLines(
    [...wardCenters.filter((contact) => contact.phone !== null), ...centers],
    serverText.dataSource,
    (date) => plainDate(date, language),
    {
      line: (attribution, when) => t('contacts.source', { attribution, when }),
      asOf: (date) => t('contacts.asOf', { date }),
      updated: (date) => t('contacts.updated', { date }),
    },
  );
  const phone = (number: string) => (
    <a className="button button-secondary tel-link" href={telHref(number)}>
      <span className="tel-verb">{t('result.callVerb')}</span> {number}
    </a>
  );

  return (
    <section className="contact-help" aria-labelledby={id}>
      <h2 id={id} tabIndex={-1}>
        {variant === 'search' ? t('contacts.title') : t('contacts.leafletTitle')}
      </h2>
      {variant === 'leaflet' ? (
        // A leaflet names the three desks in one sentence: it has to fit on the back of the sheet.
        <p>{t('contacts.leafletLead')}</p>
      ) : (
        <>
          <p>{t('contacts.lead')}</p>
          <ul className="contact-help-list">
            <li>{t('contacts.careManager')}</li>
            <li>{t('contacts.hospital')}</li>
            <li>
              {t('contacts.supportCenter')}
              {ward && wardCenters.length > 0 ? (
                <>
                  <p className="contact-help-ward">{t('contacts.ofWard', { ward: wardName(ward, 'fullName') })}</p>
                  <ul>
                    {wardCenters.map((contact) => (
                      <li key={contact.id}>
                        {contact.name}
                        {contact.phone ? <p>{phone(contact.phone)}</p> : null}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          </ul>
        </>
      )}
      {centers.map((center) => (
        <div key={center.id} className="contact-help-center">
          <p className="contact-help-center-name">
            <span className="contact-help-center-intro">{t('contacts.centerIntro')}</span>
            <span>{center.name}</span>
            {center.phone ? phone(center.phone) : null}
          </p>
          <p>{t('contacts.centerText')}</p>
        </div>
      ))}
      {sourceLines.map((line) => (
        <p key={line} className="small">
          {line}
        </p>
      ))}
    </section>
  );
}
