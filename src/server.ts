/** Builds the HTTP application from the features (no listening, no process handling: see main.ts). */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './platform/context.js';
import { access, registerGuard } from './platform/guard.js';
import { registerErrorHandler, errorBody } from './platform/error-handler.js';
import { registerInputRules } from './platform/input-rules.js';
import { projectPath } from './platform/paths.js';
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
import { auditRoutes } from './features/audit/audit.routes.js';
import { healthRoutes, createHealthMonitor } from './features/health/health.routes.js';
import { publicConfigRoutes } from './features/public/public-config.routes.js';

z.config(z.locales.ja());

export type BuildOptions = {
  /** Serve the built web client from web/dist (production and demo). */
  serveWeb?: boolean;
};

const requestIdPattern = /^[A-Za-z0-9._-]{8,100}$/;

export function createLoggerOptions(deps: Pick<AppDeps, 'config'>) {
  return {
    level: deps.config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password', 'token'],
    ...(deps.config.logPretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
}

export type AppInput = BuildOptions & Omit<AppDeps, 'logger'> & { logger?: boolean };

/** Creates the Fastify instance; features get the instance's logger through `deps`. */
export async function buildApp(input: AppInput): Promise<{ app: FastifyInstance; deps: AppDeps; stop: () => void }> {
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
    return503OnClosing: true,
    forceCloseConnections: 'idle',
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

  registerErrorHandler(app);
  registerInputRules(app);
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
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
    transform: jsonSchemaTransform,
  });

  app.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
    if (request.url.startsWith('/api/')) void reply.header('Cache-Control', 'no-store');
  });
  app.addHook('onResponse', async (request, reply) => {
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
  organizationRoutes(app, deps, createOrganizationService(deps));
  const areaService = createAreaService(deps.database.db);
  areaRoutes(app, areaService);
  const geocoder = createGeocodeService(() => areaService.list());
  const directoryIndex = createDirectoryIndexService(deps.database);
  searchRoutes(
    app,
    createSearchService(deps, directoryIndex, geocoder, () => areaService.list()),
  );
  auditRoutes(app, deps);
  publicConfigRoutes(app, deps);

  app.get('/api/openapi.json', { config: { access: access.public }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const webRoot = projectPath('web/dist');
  if (input.serveWeb && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const isApi = ['/api/', '/fhir/', '/hsds/'].some((prefix) => path.startsWith(prefix));
      if (request.method === 'GET' && !isApi) return reply.type('text/html').sendFile('index.html');
      return reply.code(404).send(errorBody('not_found', `${request.method} ${path} は存在しません。`));
    });
  }

  return { app, deps, stop: () => monitor.stop() };
}
