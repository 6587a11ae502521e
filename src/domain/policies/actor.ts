/** The part of a signed-in person that policies look at. */
import type { Role } from '../codes.js';

export type PolicyActor = { userId: string; role: Role; organizationId: string | null };
