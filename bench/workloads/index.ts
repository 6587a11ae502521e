/** Every workload `npm run bench` knows, in the order they run. Add new ones here (W1–W4 …). */
import type { Workload } from '../lib/types.js';
import { foundationHttp } from './foundation-http.js';
import { matching } from './matching.js';
import { directorySearch } from './directory-search.js';
import { acceptReferral } from './accept-referral.js';

export const workloads: Workload[] = [foundationHttp, matching, directorySearch, acceptReferral];
