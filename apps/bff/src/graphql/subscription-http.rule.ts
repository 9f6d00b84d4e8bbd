import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * A subscription sent as an ordinary HTTP request (POST or GET /graphql) is the caller's mistake, not ours:
 * subscriptions live on the WebSocket (graphql-ws at the same path). Without this rule Mercurius executes it
 * as a query and the subscription resolver meets no event (INTERNAL). The WebSocket path does not run these
 * rules, so real subscriptions are unaffected.
 */
export const subscriptionOverHttpRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') return;
    context.reportError(new GraphQLError('订阅需通过 WebSocket（graphql-ws）连接 /graphql，不能用 HTTP 请求', {
      nodes: [node], extensions: { code: 'BAD_USER_INPUT', reason: 'SUBSCRIPTION_NEEDS_WEBSOCKET' },
    }));
  },
});
