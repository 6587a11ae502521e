/**
 * The address of a page as printed on a leaflet. A host only this network knows (the demo's 127.0.0.1, localhost,
 * a private address or an intranet name without a dot) would lead a reader of the paper nowhere: then the page's
 * path is printed after the site's name instead. Renkei has no setting for its public address, so the address the
 * page was opened at is the only one known.
 */

const privateIpv4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^0\./];

/** Whether a host name can only be reached from the local machine or network. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === '' || host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return privateIpv4.some((pattern) => pattern.test(host));
  if (host.includes(':')) return host === '::1' || /^f[cd]/.test(host) || host.startsWith('fe80');
  return !host.includes('.');
}

export type PrintableAddress =
  /** A full address a reader can type: https://renkei.example.jp/public/search */
  | { kind: 'url'; url: string }
  /** Only the path, to be printed after the site's name. */
  | { kind: 'path'; path: string };

/** `origin` as `window.location.origin` gives it; `path` from the site's root (/public/search). */
export function printableAddress(origin: string, path: string): PrintableAddress {
  let hostname: string;
  try {
    hostname = new URL(origin).hostname;
  } catch {
    return { kind: 'path', path };
  }
  return isLocalHost(hostname) ? { kind: 'path', path } : { kind: 'url', url: `${origin}${path}` };
}
