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

declare module '../graphql/graphql-context' {
  interface GqlContextPieces {
    /** Who is calling; resolvers take it through {@link CurrentViewer} / {@link OptionalViewer}. */
    auth: ViewerSource;
  }
}

const source = (ctx: ExecutionContext): ViewerSource => GqlExecutionContext.create(ctx).getContext<GqlContext>().auth;

/** Resolver parameter: the signed-in caller; UNAUTHENTICATED without a valid token. */
export const CurrentViewer = createParamDecorator((_: unknown, ctx: ExecutionContext): Promise<Viewer> => source(ctx).viewer());

/** Resolver parameter: the signed-in caller, or null for an anonymous call (an invalid token is still UNAUTHENTICATED). */
export const OptionalViewer = createParamDecorator((_: unknown, ctx: ExecutionContext): Promise<Viewer | null> => source(ctx).optional());
