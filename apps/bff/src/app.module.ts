import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from './config/app-config';
import type { Clock } from './common/clock';
import { CoreModule } from './common/core.module';
import { databaseModule } from './database/database.module';
import { RedisModule } from './redis/redis.module';
import { OrgModule } from './org/org.module';
import { OrgService } from './org/org.service';
import { AuthModule } from './auth/auth.module';
import { AuthService } from './auth/auth.service';
import { TicketsModule } from './tickets/tickets.module';
import { MediaModule } from './media/media.module';
import { SlaModule } from './sla/sla.module';
import { HealthController } from './health/health.controller';
import { GqlContextModule, GqlContextRegistry } from './graphql/graphql-context';
import { formatErrors, httpStatusOf } from './graphql/error-formatter';
import { maxCostRule } from './graphql/query-cost.rule';
import { documentShapeRule, GRAPHQL_LIMITS, productionRules, withoutSuggestions } from './graphql/request-limits';
import { DocumentCaches } from './graphql/document-cache';
import { Metrics } from './observability/metrics';
import { RealtimeModule } from './realtime/realtime.module';
import { LIVE_EMITTER, type LiveEmitter } from './realtime/live-emitter';
import { subscriptionOnConnect } from './realtime/subscription-auth';
import { subscriptionOverHttpRule } from './graphql/subscription-http.rule';
import { NotificationsModule } from './notifications/notifications.module';
import { Open311Module } from './integrations/open311/open311.module';
import { HotlineModule } from './integrations/hotline/hotline.module';
import { FiguresModule } from './figures/figures.module';
import { AdminModule } from './admin/admin.module';
import { RoomsModule } from './rooms/rooms.module';
import { SharingModule } from './sharing/sharing.module';

export const MAX_QUERY_DEPTH = 8;
export const MAX_QUERY_COST = 2000;

/** The whole BFF. `config` is loaded once by the caller (main, worker, seed, tests). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, opts: { clock?: Clock; metrics?: Metrics } = {}): DynamicModule {
    const metrics = opts.metrics ?? new Metrics({ defaults: false });
    const documentCaches = new DocumentCaches(GRAPHQL_LIMITS.documentCacheBytes);
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, opts.clock, metrics),
        databaseModule(config),
        GqlContextModule,
        RedisModule,
        OrgModule,
        AuthModule,
        TicketsModule,
        MediaModule,
        SlaModule.forRoot(),
        RealtimeModule,
        NotificationsModule,
        Open311Module,
        HotlineModule,
        FiguresModule.forRoot(),
        AdminModule,
        RoomsModule,
        SharingModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [AuthModule, OrgModule, RealtimeModule],
          inject: [AuthService, OrgService, GqlContextRegistry, LIVE_EMITTER],
          useFactory: (auth: AuthService, org: OrgService, registry: GqlContextRegistry, emitter: LiveEmitter) => ({
            autoSchemaFile: true,
            sortSchema: true,
            graphiql: config.env !== 'production',
            path: '/graphql',
            queryDepth: MAX_QUERY_DEPTH,
            validationRules: [maxCostRule(MAX_QUERY_COST), documentShapeRule, subscriptionOverHttpRule, ...productionRules(config)],
            graphql: { parseOptions: { maxTokens: GRAPHQL_LIMITS.tokens } },
            // Parsed documents kept by source text, bounded in bytes (graphql/document-cache.ts); by
            // entries (Mercurius' own) 256 anonymous token-dense documents held ~190 MB.
            cache: documentCaches.factory,
            // graphql-ws over Redis-backed mqemitter: any BFF process serves any subscriber.
            subscription: { emitter: emitter as any, onConnect: subscriptionOnConnect(auth, org), keepAlive: 20_000 },
            // Each feature plugs its own pieces in (auth: who is calling; org, tickets: batch loaders).
            context: (req: FastifyRequest, reply: FastifyReply) => registry.context(req, reply),
            errorFormatter: (execution, ctx) => {
              const errors = formatErrors(execution.errors).map((e) => (config.env === 'production' ? withoutSuggestions(e) : e));
              for (const e of errors) metrics.errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL'), via: 'graphql' });
              const { status, retryAfter } = httpStatusOf(errors);
              if (retryAfter) (ctx as { reply?: FastifyReply } | undefined)?.reply?.header('retry-after', String(retryAfter));
              return { statusCode: status, response: { data: execution.data ?? null, errors } };
            },
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [{ provide: DocumentCaches, useValue: documentCaches }],
    };
  }
}
