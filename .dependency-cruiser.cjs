/**
 * The house rules on imports, checked by `pnpm depcheck` (scripts/test.sh runs it; a broken rule fails
 * the run). A feature is a folder under apps/bff/src (integrations/<name> counts as one) that is not
 * infrastructure. Type-only imports count: a type is a dependency too.
 */
const BFF = '^apps/bff/src/';
/** Folders under apps/bff/src that are infrastructure, not features. */
const INFRA = ['common', 'config', 'database', 'graphql', 'redis', 'jobs', 'seed', 'health'];
const FEATURE = `${BFF}(?!(?:${INFRA.join('|')})/)((?:integrations/)?[^/]+)/`;
const TESTS = '\\.(spec|int-spec|testing)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-no-framework',
      comment: 'domain/ is plain TypeScript: rules and calculations, testable without Nest, TypeORM, GraphQL, BullMQ or Redis.',
      severity: 'error',
      from: { path: `${BFF}.+/domain/` },
      to: { path: 'node_modules/(@nestjs|@fastify|typeorm|graphql|mercurius|bullmq|ioredis|mysql2|fastify)/' },
    },
    {
      name: 'domain-imports-only-domain',
      comment: "domain/ may import other domain/ code, common/ helpers and shared-types, never a feature's services, repositories or resolvers.",
      severity: 'error',
      from: { path: `${BFF}.+/domain/`, pathNot: TESTS },
      to: { path: BFF, pathNot: [`${BFF}.+/domain/`, `${BFF}common/(clock|domain-error)\\.ts$`] },
    },
    {
      name: 'no-foreign-repository-or-entities',
      comment: "A table belongs to its feature's repository; another feature goes through that feature's service.",
      severity: 'error',
      from: { path: FEATURE, pathNot: TESTS },
      to: { path: `${BFF}((?:integrations/)?[^/]+)/.*\\.(repository|entities|entity)\\.ts$`, pathNot: `${BFF}$1/` },
    },
    {
      name: 'graphql-imports-no-feature',
      comment: 'graphql/ is plumbing (context, errors, cost limit, schema printing); features plug into it, not the other way round.',
      severity: 'error',
      from: { path: `${BFF}graphql/`, pathNot: ['print-schema(\\.cli)?\\.ts$', TESTS] },
      to: { path: FEATURE },
    },
    {
      name: 'src-imports-no-bench',
      comment: 'Benchmarks live in apps/bff/bench (their own build, dist-bench); the application never imports them.',
      severity: 'error',
      from: { path: BFF },
      to: { path: '^apps/bff/bench/' },
    },
    {
      name: 'no-cycles',
      comment: 'Import cycles make start-up order and module boundaries accidental.',
      severity: 'error',
      from: { path: '^(apps|packages)/' },
      to: { circular: true },
    },
    {
      name: 'miniapp-services-import-no-features',
      comment: 'services/ (API client, session, storage) is the bottom layer: it imports nothing from features/, components/ or pages.',
      severity: 'error',
      from: { path: '^apps/miniapp/src/services/' },
      to: { path: '^apps/miniapp/src/(features/|components/|[^/]+/pages/|pages/)' },
    },
    {
      name: 'miniapp-features-import-no-pages',
      comment: 'features/ is logic and hooks; pages and components use it, not the other way round.',
      severity: 'error',
      from: { path: '^apps/miniapp/src/features/' },
      to: { path: '^apps/miniapp/src/([^/]+/pages/|pages/|components/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist(-bench)?/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'], conditionNames: ['require', 'node', 'default'] },
  },
};
