/** Builds the HTTP application from the features (no listening, no process handling: see main.ts). */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './platform/context.js';
import { access, registerGuard } from './platform/guard.js';
import { registerSecurityHeaders } from './platform/security-headers.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandler } from './platform/error-handler.js';
import { setJapaneseZodMessages } from './platform/zod-messages.js';
import { registerInputRules } from './platform/input-rules.js';
import { serializeError } from './platform/log-serializers.js';
import { registerShutdownRefusal } from './platform/shutdown.js';
import { registerAdmission } from './platform/admission.js';
import { projectPath } from './platform/paths.js';
import { openApiTransform, openApiTransformObject } from './platform/openapi.js';
import { registerVersionEtags } from './platform/versioning.js';
import { createAuthService } from './features/auth/auth.service.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { createUserService } from './features/users/user.service.js';
import { userRoutes } from './features/users/user.routes.js';
import { createOrganizationService } from './features/organizations/organization.service.js';
import { organizationRoutes } from './features/organizations/organization.routes.js';
import { areaRoutes } from './features/areas/area.routes.js';
import { createAreaService } from './features/areas/area.service.js';
import { createGeocodeService } from './features/geocode/geocode.service.js';
import { createDirectoryIndexService } from './features/directory/directory-index.service.js';
import { createSearchService } from './features/directory/search.service.js';
import { searchRoutes } from './features/directory/search.routes.js';
import { createFreshnessService } from './features/directory/freshness.service.js';
import { freshnessRoutes } from './features/directory/freshness.routes.js';
import { createNotificationService } from './features/notifications/notification.service.js';
import { notificationRoutes } from './features/notifications/notification.routes.js';
import { createJobRunner, type JobHandler, type JobRunner } from './platform/jobs.js';
import { createConsultationService } from './features/consultations/consultation.service.js';
import { consultationRoutes } from './features/consultations/consultation.routes.js';
import { createCaseService } from './features/cases/case.service.js';
import { caseRoutes } from './features/cases/case.routes.js';
import { createReferralService } from './features/referrals/referral.service.js';
import { referralRoutes } from './features/referrals/referral.routes.js';
import { createTeamService } from './features/teams/team.service.js';
import { teamRoutes } from './features/teams/team.routes.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { healthRoutes, createHealthMonitor } from './features/health/health.routes.js';
import { publicConfigRoutes } from './features/public/public-config.routes.js';
import { publicContactsRoutes } from './features/public/public-contacts.routes.js';
import { exportRoutes } from './features/exports/export.routes.js';
import { fhirClinicalRoutes } from './features/exports/fhir-clinical.routes.js';
import { areaAnalyticsRoutes } from './features/area-analytics/area-analytics.routes.js';
import { registerDischargeExtras } from './features/conferences/discharge-extras.js';
import { loadMatchingSettings } from './features/matching/matching-settings-loader.js';
import { createCandidateRanker } from './features/matching/candidate-ranker.js';
import { createMatchingService } from './features/matching/matching.service.js';
import { matchingRoutes } from './features/matching/matching.routes.js';
import { createWaitlistService } from './features/matching/waitlist.service.js';
import { createPairService } from './features/pairs/pair.service.js';
import { pairRoutes } from './features/pairs/pair.routes.js';
import { createRelianceService } from './features/analytics/reliance.service.js';
import { relianceRoutes } from './features/analytics/reliance.routes.js';
import { registerRotations } from './features/rotations/rotation.routes.js';
import { registerEscalation } from './features/escalation/escalation.routes.js';

// Validation messages API clients read (details[].message): our Japanese, set once for every schema.
setJapaneseZodMessages();

export type BuildOptions = {
  /** Serve the built web client from web/dist (production and demo). */
  serveWeb?: boolean;
  /** Where the built web client is (default web/dist; tests give their own). */
  webRoot?: string;
};

const requestIdPattern = /^[A-Za-z0-9._-]{8,100}$/;

export function createLoggerOptions(deps: Pick<AppDeps, 'config'>) {
  return {
    level: deps.config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password', 'token'],
    serializers: { err: serializeError },
    ...(deps.config.logPretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
}

export type AppInput = BuildOptions & Omit<AppDeps, 'logger'> & { logger?: boolean };

/** Creates the Fastify instance; features get the instance's logger through `deps`. */
export type BuiltApp = {
  app: FastifyInstance;
  deps: AppDeps;
  /** Background jobs of this instance: started by main.ts (tests run them by hand with runDue). */
  jobs: JobRunner;
  /** Work to do once at start-up (schedules recurring jobs). */
  prepare: () => Promise<void>;
  stop: () => void;
  /** SIGTERM's first step: keep serving, each answer closing its connection (platform/shutdown.ts). */
  beginDraining: () => void;
};

export async function buildApp(input: AppInput): Promise<BuiltApp> {
  const { config } = input;
  const app = Fastify({
    logger: input.logger === false ? false : createLoggerOptions({ config }),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Draining requests get the API's own 503 (platform/shutdown.ts), not Fastify's.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // Errors before any route runs (a bad URL, a request the HTTP parser refuses) in the API's shape.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  const deps: AppDeps = {
    config,
    database: input.database,
    clock: input.clock,
    secretBox: input.secretBox,
    logger: app.log,
  };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const webRoot = input.webRoot ?? projectPath('web/dist');
  const isServingWeb = Boolean(input.serveWeb) && existsSync(webRoot);
  registerErrorHandler(app, {
    // The SPA's own paths (/organizations/…) fall back to index.html; API-like paths keep the JSON 404.
    notFoundFallback: (request, reply) => {
      if (!isServingWeb || request.method !== 'GET') return null;
      const path = request.url.split('?')[0] ?? '/';
      const isApi = ['/api/', '/fhir/', '/hsds/'].some((prefix) => path.startsWith(prefix));
      // A missing file (/assets/old-hash.js) is a 404, not the page: the browser must not run HTML as script.
      const isFile = /\.[A-Za-z0-9]+$/.test(path);
      return isApi || isFile ? null : reply.type('text/html').sendFile('index.html');
    },
  });
  registerInputRules(app);
  const shutdownControl = registerShutdownRefusal(app);
  registerAdmission(app, config.maxActiveRequests);
  await app.register(fastifyCookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: [
          "'self'",
          'data:',
          'blob:',
          ...(deps.config.mapTileUrl ? [new URL(deps.config.mapTileUrl.replace(/\{[a-z]\}/g, 'a')).origin] : []),
        ],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Renkei API',
        description: '在宅医療・介護連携プラットフォーム Renkei（連携）の API。CONTRACT.md を参照。',
        version: '1',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'renkei_session' },
        },
      },
    },
    // Headers (Idempotency-Key, If-Match, ETag) and error answers from each route's declarations.
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
  registerVersionEtags(app);

  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('X-Request-Id', request.id);
    if (request.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    done();
    request.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
        userId: request.actor?.userId,
      },
      'request',
    );
  });

  const auth = createAuthService(deps);
  registerGuard(app, {
    resolveToken: auth.resolveToken,
    isMfaRequiredFor: auth.isMfaRequiredFor,
    allowedOrigins: deps.config.allowedOrigins,
  });

  const monitor = createHealthMonitor(deps);
  monitor.start();
  healthRoutes(app, deps, monitor);
  authRoutes(app, deps, auth);
  userRoutes(app, deps, createUserService(deps));
  const areaService = createAreaService(deps.database.db);
  organizationRoutes(
    app,
    deps,
    // The waiting list (matching, below) runs in the availability update's transaction.
    createOrganizationService(deps, {
      onAvailabilityChanged: (...args) => waitlist.onAvailabilityChanged(...args),
      areas: () => areaService.list(),
    }),
  );
  areaRoutes(app, areaService);
  const geocoder = createGeocodeService(() => areaService.list());
  const directoryIndex = createDirectoryIndexService(deps.database);
  searchRoutes(
    app,
    createSearchService(deps, directoryIndex, geocoder, () => areaService.list()),
  );
  const freshness = createFreshnessService(deps, () => areaService.list());
  freshnessRoutes(app, freshness);
  const notifications = createNotificationService(deps);
  notificationRoutes(app, notifications);

  const consultations = createConsultationService(deps);
  consultationRoutes(app, deps, consultations);
  const referrals = createReferralService(deps, directoryIndex);
  const teams = createTeamService(deps, directoryIndex, (tx, input) => candidateRanker(tx, input));
  const cases = createCaseService(deps, geocoder, consultations, {
    // A case that ends withdraws its open referrals and cancels its conferences that have not started. At discharge
    // the referrals stay: they ask for roles the patient went home without, and may still be accepted.
    onCaseEnded: async (tx, context, caseId, reason, end) => {
      if (end !== 'discharged') await referrals.withdrawAllOpen(tx, context, caseId, reason);
      await dischargeExtras.onCaseEnded(tx, context, caseId, reason);
    },
    // The team (and the involved Center) is told of the discharge, a cancellation, a new discharge date.
    caseCircle: (executor, loaded) => dischargeExtras.caseCircle(executor, loaded),
    filledRoles: teams.filledRoles,
  });
  caseRoutes(app, deps, cases);
  referralRoutes(app, deps, referrals);
  teamRoutes(app, deps, teams);
  // Discharge extras (conferences, the team's message thread, welfare links, summary PDF) register below.
  const dischargeExtras = registerDischargeExtras(app, deps);
  // Matching (issue 6): candidate ranking, the Center's batch assignment, the waiting list, doctor pairs, reliance.
  const matchingSettings = loadMatchingSettings(process.env.RENKEI_MATCHING_SETTINGS);
  const candidateRanker = createCandidateRanker(matchingSettings);
  const waitlist = createWaitlistService(deps, matchingSettings);
  matchingRoutes(app, deps, createMatchingService(deps, directoryIndex, referrals, matchingSettings));
  pairRoutes(app, deps, createPairService(deps, matchingSettings));
  relianceRoutes(app, createRelianceService(deps, matchingSettings));
  // Load sharing (issue 7): rotation groups, rosters and swaps; escalation, emergency card, acute events, backup hospitals.
  registerRotations(app, deps);
  registerEscalation(app, deps);

  const jobHandlers: Record<string, JobHandler> = {
    ...freshness.jobs,
    ...cases.jobs,
    ...referrals.jobs,
    ...dischargeExtras.jobs,
  };
  const jobs = createJobRunner({ database: deps.database, clock: deps.clock, logger: app.log, handlers: jobHandlers });
  app.addHook('onReady', async () => {
    await notifications.start();
    // Warm the caches that transactions read (PGlite cannot query outside a running transaction).
    await areaService.list();
    await directoryIndex.warm();
  });
  app.addHook('preClose', async () => {
    await jobs.stop();
    await notifications.stop();
  });
  auditRoutes(app, deps);
  publicConfigRoutes(app, deps);
  publicContactsRoutes(app, deps);
  exportRoutes(app, deps);
  fhirClinicalRoutes(app, deps);
  areaAnalyticsRoutes(app, deps);

  app.get('/api/openapi.json', { config: { access: access.public }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  if (isServingWeb) {
    // The files at the root (index.html, favicon) are routes made at start-up; the hashed bundles
    // under assets/ are looked up per request, so a client rebuilt in place (new hashes) is served
    // without a restart, and a missing one answers 404 (never the page).
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false, globIgnore: ['assets/**'] });
    if (existsSync(path.join(webRoot, 'assets')))
      await app.register(fastifyStatic, {
        root: path.join(webRoot, 'assets'),
        prefix: '/assets/',
        wildcard: true,
        index: false,
        decorateReply: false,
      });
  }

  return {
    app,
    deps,
    jobs,
    prepare: async () => {
      await freshness.ensureScheduled();
    },
    stop: () => monitor.stop(),
    beginDraining: shutdownControl.beginDraining,
  };
}
