import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TicketStatus, type TicketQuery } from '../index';

const root = join(__dirname, '..', '..');

describe('generated GraphQL operation types', () => {
  it('match apps/bff/schema.graphql and the client documents (run `pnpm --filter @msb/shared-types codegen` when this fails)', () => {
    const bin = join(root, 'node_modules', '.bin', 'graphql-codegen');
    const r = spawnSync(bin, ['--config', 'codegen.yml', '--check'], { cwd: root, encoding: 'utf8' });
    expect({ status: r.status, out: r.status === 0 ? '' : `${r.stdout}${r.stderr}` }).toEqual({ status: 0, out: '' });
  }, 60_000);

  it('use the shared enums, not copies of them', () => {
    const status: TicketQuery['ticket']['status'] = TicketStatus.RESOLVED;
    expect(status).toBe('RESOLVED');
  });
});
