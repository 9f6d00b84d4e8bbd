export * from './enums';
export * from './error-codes';
export * from './lifecycle';
export * from './ticket-lifecycle';
export * from './categories';
export * from './graphql/operations';
export * from './notifications';
