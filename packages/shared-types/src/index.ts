export * from './enums';
export * from './error-codes';
export * from './lifecycle';
export * from './ticket-lifecycle';
export * from './categories';
export * from './notifications';
// After the modules whose enums it re-exports as types: a value import of an enum must find the enum itself.
export * from './graphql/operations';
