import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GqlContext } from '../graphql/graphql-context';
import type { Viewer } from './domain/viewer';

/** Who is calling a GraphQL request, resolved once and only when asked (auth/ provides it from the bearer token). */
export interface ViewerSource {
  /** The viewer, or null for an anonymous call. A present but invalid token is UNAUTHENTICATED, not anonymous. */
  optional(): Promise<Viewer | null>;
  /** The viewer; UNAUTHENTICATED for an anonymous call. */
  viewer(): Promise<Viewer>;
}

/**
 * Where who is calling sits in a GraphQL request's context: under a symbol, not a name, so a resolver
 * cannot read it off the context — it takes the caller through {@link CurrentViewer} / {@link OptionalViewer}.
 * auth/ (RequestViewerContext) puts it there from the bearer token. Subscriptions have their own context
 * (realtime/subscription-auth: the viewer from connection_init); REST controllers use auth's RestAuth.
 */
export const VIEWER_SOURCE: unique symbol = Symbol('viewerSource');

declare module '../graphql/graphql-context' {
  interface GqlContextPieces {
    [VIEWER_SOURCE]: ViewerSource;
  }
}

const source = (ctx: ExecutionContext): ViewerSource => GqlExecutionContext.create(ctx).getContext<GqlContext>()[VIEWER_SOURCE];

/** Resolver parameter: the signed-in caller; UNAUTHENTICATED without a valid token. */
export const CurrentViewer = createParamDecorator((_: unknown, ctx: ExecutionContext): Promise<Viewer> => source(ctx).viewer());

/** Resolver parameter: the signed-in caller, or null for an anonymous call (an invalid token is still UNAUTHENTICATED). */
export const OptionalViewer = createParamDecorator((_: unknown, ctx: ExecutionContext): Promise<Viewer | null> => source(ctx).optional());
