import { GraphQLError, NoSchemaIntrospectionCustomRule, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import type { AppConfig } from '../config/app-config';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * What one GraphQL request may cost, checked before the work it names: the body size and content type
 * before the body is read, the document size before it is parsed, the token count while parsing, and
 * aliases/directives/sign-in fields while validating. The mini-app's largest document is ~2 KB and
 * ~300 tokens, so every limit leaves room.
 */
export const GRAPHQL_LIMITS = {
  /** Bytes of a /graphql body (the document plus variables); the HTTP body limit. */
  bodyBytes: 64 * 1024,
  /** Characters of a document from a caller without a bearer token. */
  anonymousDocumentChars: 8 * 1024,
  /** Characters of a document from a caller with one. */
  documentChars: 32 * 1024,
  /** Lexical tokens of a document (graphql-js stops parsing past this). */
  tokens: 2000,
  aliases: 30,
  directives: 20,
  /** Estimated heap bytes of each parsed-document cache (valid documents; documents that failed validation). */
  documentCacheBytes: 8 * 1024 * 1024,
} as const;

/** Root mutation fields that send an SMS or check a secret: one per request document. */
const ONE_PER_DOCUMENT = new Set(['requestSmsCode', 'loginWithPassword', 'loginWithSms', 'loginWithWechat']);

function refuse(reply: FastifyReply, status: number, reason: string, message: string, extra: Record<string, unknown> = {}) {
  return reply.status(status).header('content-type', 'application/json; charset=utf-8')
    .send({ data: null, errors: [{ message, extensions: { code: 'BAD_USER_INPUT', reason, ...extra } }] });
}

const hasBearer = (req: FastifyRequest) => /^Bearer \S/.test(req.headers.authorization ?? '');

/**
 * Hooks on POST/GET /graphql. A POST must be `application/json` (a cross-site HTML form cannot send
 * that without a preflight), and a caller without a token may not send a long body at all: the
 * Content-Length is checked before a byte is read.
 */
export function registerGraphqlLimits(app: FastifyInstance, path = '/graphql'): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.split('?')[0] !== path) return;
    if (req.method === 'POST') {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json') return refuse(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', '请求格式不支持（只接受 application/json）');
      const length = Number(req.headers['content-length'] ?? 0);
      const max = hasBearer(req) ? GRAPHQL_LIMITS.bodyBytes : GRAPHQL_LIMITS.anonymousDocumentChars * 2;
      if (length > max) return refuse(reply, 413, 'REQUEST_TOO_LARGE', '请求内容过大', { maxBytes: max });
    }
  });
  app.addHook('preHandler', async (req, reply) => {
    if (req.url.split('?')[0] !== path) return;
    const source = req.method === 'POST' ? (req.body as { query?: unknown } | null)?.query : (req.query as { query?: unknown } | null)?.query;
    if (typeof source !== 'string') return;
    const max = hasBearer(req) ? GRAPHQL_LIMITS.documentChars : GRAPHQL_LIMITS.anonymousDocumentChars;
    if (source.length > max) return refuse(reply, 413, 'QUERY_TOO_LARGE', '查询内容过长', { maxChars: max });
  });
}

/** Aliases, directives and one sign-in/SMS field per document (50 aliases of requestSmsCode were 50 SMS). */
export function documentShapeRule(context: ValidationContext): ASTVisitor {
  let aliases = 0;
  let directives = 0;
  const sensitive: string[] = [];
  const error = (reason: string, message: string, extra: Record<string, unknown>) =>
    context.reportError(new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason, ...extra } }));
  return {
    Field(node) {
      if (node.alias && ++aliases === GRAPHQL_LIMITS.aliases + 1) error('TOO_MANY_ALIASES', '查询中的别名过多', { max: GRAPHQL_LIMITS.aliases });
      // Root mutation fields, also when spread from a fragment on Mutation.
      if (ONE_PER_DOCUMENT.has(node.name.value) && context.getParentType() === context.getSchema().getMutationType()) {
        sensitive.push(node.name.value);
        if (sensitive.length === 2) error('ONE_SIGN_IN_PER_REQUEST', '每次请求只能包含一个登录或发送验证码操作', { fields: sensitive });
      }
    },
    Directive() {
      if (++directives === GRAPHQL_LIMITS.directives + 1) error('TOO_MANY_DIRECTIVES', '查询中的指令过多', { max: GRAPHQL_LIMITS.directives });
    },
  };
}

/** In production the schema is published as a file (apps/bff/schema.graphql): no introspection. */
export function productionRules(config: AppConfig): ValidationRule[] {
  return config.env === 'production' ? [NoSchemaIntrospectionCustomRule] : [];
}

/** graphql-js's "Did you mean …?" names fields an outsider did not know: dropped in production. */
export function withoutSuggestions(e: GraphQLError): GraphQLError {
  const message = e.message.replace(/ ?Did you mean .*\?$/, '');
  return message === e.message ? e : new GraphQLError(message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions: e.extensions });
}

/**
 * Security headers on every answer: no MIME sniffing, no framing by other sites, no referrer to other
 * origins, HSTS when the request came over TLS (directly or through a trusted proxy).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'");
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
