import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client for a test BFF, signed in through the connection_init payload. */
export function liveClient(httpUrl: string, token: string | null): Client {
  return createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes and collects results; `errors` gets protocol or GraphQL errors. */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const items: T[] = [];
  const errors: unknown[] = [];
  let done = false;
  const stop = client.subscribe<T>({ query, variables }, {
    next: (v) => (v.errors ? errors.push(v.errors) : items.push(v.data as T)),
    error: (e) => errors.push(e),
    complete: () => (done = true),
  });
  return { items, errors, stop, get done() { return done; } };
}
