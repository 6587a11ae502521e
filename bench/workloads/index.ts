/** Every workload `npm run bench` knows, in the order they run. Add new ones here (W1–W4 …). */
import type { Workload } from '../lib/types.js';
import { foundationHttp } from './foundation-http.js';

export const workloads: Workload[] = [foundationHttp];
