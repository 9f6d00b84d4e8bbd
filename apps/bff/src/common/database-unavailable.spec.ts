import { ErrorCode } from '@msb/shared-types';
import { HTTP_STATUS, isDatabaseUnavailable } from './domain-error';

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is down, unreachable or not answering, wrapped or not', () => {
    const refused = { errno: -111, code: 'ECONNREFUSED', syscall: 'connect', fatal: true };
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Query failed', driverError: { code: 'PROTOCOL_CONNECTION_LOST' } })).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Unexpected error value', thrownValue: refused })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'DB_QUERY_TIMEOUT' }))).toBe(true);
    expect(isDatabaseUnavailable({ errno: 2013, code: 'CR_SERVER_LOST' })).toBe(true);
    expect(isDatabaseUnavailable(new Error("Can't add new command when connection is in closed state"))).toBe(true);
  });

  it('does not call a wrong query or a bug an outage', () => {
    expect(isDatabaseUnavailable({ code: 'ER_DUP_ENTRY', errno: 1062 })).toBe(false);
    expect(isDatabaseUnavailable({ code: 'ER_PARSE_ERROR', errno: 1064, driverError: { code: 'ER_PARSE_ERROR' } })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it('UNAVAILABLE answers 503', () => {
    expect(HTTP_STATUS[ErrorCode.UNAVAILABLE]).toBe(503);
  });
});
