/**
 * The demo's accounts (CONTRACT §4) live under one reserved mail domain and share a password
 * printed in the README: they may sign in only on a server started in demo mode. A production
 * server that finds them (a data folder first used by `npm run demo`, a `seed-demo` run by
 * mistake) refuses them as if they did not exist.
 */
export const demoEmailDomain = 'demo.renkei.jp';

export function isDemoAccountEmail(email: string): boolean {
  return email.trim().toLowerCase().endsWith(`@${demoEmailDomain}`);
}
