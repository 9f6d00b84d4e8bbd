/** Machine codes carried in GraphQL `extensions.code` and REST error bodies. Clients switch on these, never on messages. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL = 'INTERNAL',
  /** A dependency the answer needs (the database) is down: nothing was done; try again later (HTTP 503, Retry-After). */
  UNAVAILABLE = 'UNAVAILABLE',
}
