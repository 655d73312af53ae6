import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { appRouter, createContext, createEmlMailer, createSmtpMailer, enqueueRegistrationSweep, enqueueTermReminders, expireDueBases, purgeExpiredSessions, REGISTRATION_SWEEP_EVERY_MS, sendEvaluationReminders, sendFundingReminders, startAuditChainer, startJobWorker, type AppRouter, type ApiDeps } from '@ssb/api';
import { createDatabase, redactQueryError, type DatabaseHandle } from '@ssb/db';
import { isDemoSeeded, listDemoAccounts, seedDemo } from '@ssb/db/seed';
import { seedDemoResourceMedia } from '@ssb/api/services/resources/demo-media';
import { seedDemoMaterialFiles } from '@ssb/api/services/materials/demo-material-files';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { loadEnv, type Env } from './env.ts';
import { createFileStore } from './file-store.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerJsonLimits } from './json-limits.ts';
import { serializeError } from './log-errors.ts';
import { registerEventExportRoutes } from './event-exports.ts';
import { registerEventReportPhotoRoutes } from './event-report-photos.ts';
import { registerFundingFileRoutes } from './funding-files.ts';
import { registerBasePhotoRoutes } from './base-photos.ts';
import { registerExportRoutes } from './exports.ts';
import { registerFileRoutes } from './files.ts';
import { registerMetrics } from './metrics.ts';
import { registerOpenDataRoutes } from './open-data.ts';
import { registerBaseRegisterExportRoutes } from './base-register-exports.ts';
import { beijingToday } from '@ssb/domain/time';
import { registerCsrfProtection, registerDownloadOrigin, registerReadableText, SESSION_COOKIE } from './security.ts';
import { registerNotFound, registerWebApps } from './static-apps.ts';
import { registerUploads } from './uploads.ts';
import { registerUploadsSameOrigin } from './uploads-same-origin.ts';
import { registerPublicCache } from './public-cache.ts';
import { registerResourceMediaRoutes } from './resource-media.ts';
import { registerRouteAccess } from './route-access.ts';
import { createSearchEngine, startSearch } from './search.ts';

/** Believe the nearest `hops` proxies about the client address, as proxy-addr does for a number. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export type CreateServerOptions = {
  env?: Partial<Env>;
  /** Use an already open database (tests); otherwise one is opened from the environment. */
  database?: DatabaseHandle;
  /** Where the log goes instead of stdout (tests read it). */
  logStream?: Writable;
  /**
   * Tests running several replicas in one process: this instance keeps its upload-lock holders to
   * itself, as a process of its own would, so only PostgreSQL's lock stands between the replicas.
   */
  ownUploadLocks?: boolean;
};

/** tRPC, the uploads (tus streams, never parsed) and the image POST (its own 10 MB) aside, no body needs more. */
const BODY_LIMIT = 1024 * 1024;

/** Builds the whole platform as one Fastify instance; `start` listens, tests use `server.inject`. */
export async function createServer(options: CreateServerOptions = {}) {
  const env: Env = { ...loadEnv(), ...options.env };
  const files = createFileStore(env);
  // A missing bucket or wrong keys stop the start with the store's reason, as an unreachable database does.
  await files.check().catch((error: Error) => {
    throw new Error(`file store (${files.kind}) not usable: ${error.name} ${error.message}`, { cause: error });
  });
  const database = options.database ?? createDatabase({ url: env.DATABASE_URL, dataDir: join(env.DATA_DIR, 'pglite') });
  const ownsDatabase = !options.database;
  await database.migrate();
  let seeded = false;
  if (env.SEED_DEMO && !(await isDemoSeeded(database.db))) {
    await database.db.transaction((tx) => seedDemo(tx));
    seeded = true;
  }

  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const deps: ApiDeps = {
    db: database.db,
    mailer: env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM) : createEmlMailer(join(env.DATA_DIR, 'mail'), env.MAIL_FROM),
    files,
    config: { publicUrl },
    search: createSearchEngine(env, database.db),
  };
  // The demo resources' pictures and video are made with ffmpeg; without it they stay without media.
  if (seeded) await seedDemoResourceMedia(deps).catch((error: Error) => console.warn('demo resource media not made:', error.message));
  // So are the demo applications' photos and videos (the rows come from the seed, the bytes from here), also when
  // `pnpm cli db:seed` wrote the rows: only files not yet stored are made, so a later start costs a few stats.
  if (env.SEED_DEMO) await seedDemoMaterialFiles(deps).catch((error: Error) => console.warn('demo material files not made:', error.message));

  const logger: FastifyServerOptions['logger'] =
    env.LOG_LEVEL === 'silent'
      ? false
      : {
          level: env.LOG_LEVEL,
          redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
          // Failed queries are logged without their bound values (mobiles, e-mails, names).
          serializers: { err: (error: unknown) => serializeError(redactQueryError(error)) },
          ...(options.logStream ? { stream: options.logStream } : {}),
        };
  const server = Fastify({
    logger,
    trustProxy: typeof env.TRUST_PROXY === 'number' ? trustHops(env.TRUST_PROXY) : env.TRUST_PROXY,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 5000 },
  });
  // Every route as "METHOD /url", so the route-policy test can hold them to the policy table.
  const routes: string[] = [];
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });

  await server.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Element Plus positions popovers with inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: env.COOKIE_SECURE ? [] : null,
      },
    },
    hsts: env.COOKIE_SECURE,
  });
  await server.register(fastifyCookie);
  registerErrorHandler(server);
  registerJsonLimits(server);
  // Public queries: Cache-Control, an ETag of the data generation, 304s, and answers kept in memory.
  // Before the CSRF hook, so an answer from memory costs no token and no cookie.
  const publicCache = registerPublicCache(server, database.db);
  server.addHook('onClose', async () => publicCache.stop());
  registerCsrfProtection(server, { secure: env.COOKIE_SECURE });
  registerReadableText(server);
  registerDownloadOrigin(server);
  registerRouteAccess(server, deps);
  registerUploadsSameOrigin(server);
  const { isOperator } = registerMetrics(server, { allow: env.METRICS_ALLOW, token: env.METRICS_TOKEN });

  // Unfinished uploads: with replicas, the volume they all mount.
  const uploadsDir = env.UPLOADS_DIR ?? join(env.DATA_DIR, 'uploads');
  server.get('/healthz', async () => ({ status: 'ok' }));
  // Ready or not, nothing more: the reason goes to the log. Operators (the metrics allow list) also
  // learn the database kind, which the CLI asks for before it opens a PGlite directory.
  server.get('/readyz', async (request, reply) => {
    try {
      await database.db.execute(sql`select 1`);
      await files.check();
      await access(uploadsDir, constants.W_OK);
      return isOperator(request) ? { status: 'ready', database: database.kind, files: files.kind } : { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  await server.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }) =>
        createContext(deps, {
          sessionToken: req.cookies[SESSION_COOKIE] ?? null,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? '',
          requestId: req.id,
          cookies: {
            set: (token, expiresAt) =>
              res.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: env.COOKIE_SECURE, expires: expiresAt }),
            clear: () => res.clearCookie(SESSION_COOKIE, { path: '/' }),
          },
        }),
      // The request's logger carries its id, which the client was shown.
      onError: ({ error, path, req }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error, path }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  await registerUploads(server, deps, { directory: uploadsDir, databaseUrl: database.url, ownLocks: options.ownUploadLocks });
  registerFileRoutes(server, deps);
  registerResourceMediaRoutes(server, deps, env.DATA_DIR);
  registerBasePhotoRoutes(server, deps, env.DATA_DIR);
  registerExportRoutes(server, deps);
  registerBaseRegisterExportRoutes(server, deps);
  registerEventExportRoutes(server, deps);
  registerEventReportPhotoRoutes(server, deps, env.DATA_DIR);
  registerFundingFileRoutes(server, deps, env.DATA_DIR);
  registerOpenDataRoutes(server, deps);

  const webApps = env.SERVE_APPS ? await registerWebApps(server) : [];
  registerNotFound(server, webApps);

  // Background jobs (emails of notices) run in this process; more replicas share the queue.
  const worker = startJobWorker(deps, { onError: (error) => server.log.error({ err: error }, 'job worker failed') });
  server.addHook('onClose', async () => worker.stop());
  // Audit rows are written pending and sealed into the hash chain here, in seq order, off the request path.
  const chainer = startAuditChainer(database.db, { onError: (error) => server.log.error({ err: error }, 'audit chainer failed') });
  server.addHook('onClose', async () => chainer.stop());
  startSearch(server, database.db, deps.search!);

  // Hourly housekeeping; unref'd so it never keeps the process alive. Term reminders also once on start.
  const queueTermReminders = () => enqueueTermReminders(database.db).catch((error: unknown) => server.log.warn({ err: error }, 'term reminders not queued'));
  void queueTermReminders();
  const housekeeping = setInterval(() => {
    purgeExpiredSessions(database.db).catch((error: unknown) => server.log.warn({ err: error }, 'housekeeping failed'));
    expireDueBases(database.db, beijingToday(), publicUrl).catch((error: unknown) => server.log.warn({ err: error }, 'base expiry failed'));
    void queueTermReminders();
    sendFundingReminders(database.db, beijingToday(), publicUrl).catch((error: unknown) => server.log.warn({ err: error }, 'funding reminders failed'));
    sendEvaluationReminders(database.db, new Date(), { publicUrl }).catch((error: unknown) => server.log.warn({ err: error }, 'annual report reminders failed'));
  }, 3600_000);
  housekeeping.unref();
  server.addHook('onClose', async () => clearInterval(housekeeping));
  // Offers lapse by the hour, so registrations are swept more often: one sweep job at a time on the queue.
  const registrationSweep = setInterval(() => {
    enqueueRegistrationSweep(database.db).catch((error: unknown) => server.log.warn({ err: error }, 'registration sweep not queued'));
  }, REGISTRATION_SWEEP_EVERY_MS);
  registrationSweep.unref();
  server.addHook('onClose', async () => clearInterval(registrationSweep));

  return {
    server,
    env,
    database,
    deps,
    publicUrl,
    seeded,
    webApps,
    routes,
    publicCache,
    demoAccounts: () => listDemoAccounts(database.db),
    async start() {
      await server.listen({ host: env.HOST, port: env.PORT });
      return server.addresses();
    },
    async stop() {
      await server.close();
      if (ownsDatabase) await database.close();
    },
  };
}
