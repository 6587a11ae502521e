/**
 * Wires the discharge extras into the app: welfare links, the team's message thread, the
 * discharge conference and the printable summary (one call from server.ts). Returns what the
 * case feature needs of them: the case's circle (who is told of its changes) and what to do in
 * the case's transaction when it ends.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import type { LoadedCase } from '../cases/case-access.js';
import { createWelfareLinkService } from '../welfare-links/welfare-link.service.js';
import { welfareLinkRoutes } from '../welfare-links/welfare-link.routes.js';
import { createCaseMessageService } from '../case-messages/case-message.service.js';
import { caseMessageRoutes } from '../case-messages/case-message.routes.js';
import { createCaseSummaryService } from '../case-summary/case-summary.service.js';
import { caseSummaryRoutes } from '../case-summary/case-summary.routes.js';
import { createConferenceService } from './conference.service.js';
import { conferenceRoutes } from './conference.routes.js';

export function registerDischargeExtras(app: FastifyInstance, deps: AppDeps) {
  const welfareLinks = createWelfareLinkService(deps);
  const messages = createCaseMessageService(deps, welfareLinks);
  const conferences = createConferenceService(deps, messages, welfareLinks);
  const summaries = createCaseSummaryService(deps, { conferences, welfareLinks });
  welfareLinkRoutes(app, deps, welfareLinks);
  caseMessageRoutes(app, deps, messages);
  conferenceRoutes(app, deps, conferences);
  caseSummaryRoutes(app, summaries);
  return {
    jobs: { ...conferences.jobs },
    /** The organisations of the case's thread (hospital, team, Center when involved, welfare links). */
    caseCircle: (executor: DbExecutor, loaded: LoadedCase) => messages.threadOrganizations(executor, loaded),
    /**
     * The case ended: its conferences that have not started are cancelled, with the reason; once it
     * is closed or cancelled (not at discharge) its open welfare links are closed too.
     */
    onCaseEnded: async (tx: Tx, context: ActorContext, caseId: string, reason: string) => {
      await conferences.cancelNotStartedOfCase(tx, context, caseId, reason);
      await welfareLinks.closeOpenOfCase(tx, context, caseId, reason);
    },
    /** Closes the open welfare links of a closed or cancelled case (a no-op on a live case). */
    closeWelfareLinksOfEndedCase: (tx: Tx, context: ActorContext, caseId: string, reason: string) =>
      welfareLinks.closeOpenOfCase(tx, context, caseId, reason),
  };
}
