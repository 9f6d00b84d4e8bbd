import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLEnumType } from 'graphql';
import * as enums from '../enums';
import * as notifications from '../notifications';
import * as errorCodes from '../error-codes';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** codegen.yml's `enumValues:` block: GraphQL enum name → [module, export]. */
function enumMappings(): Map<string, [string, string]> {
  const block = /^ {6}enumValues:\n((?: {8}.*\n)+)/m.exec(read('codegen.yml'));
  if (!block) throw new Error('codegen.yml has no enumValues block');
  const map = new Map<string, [string, string]>();
  for (const m of block[1].matchAll(/^ {8}(\w+): (\S+)#(\w+)$/gm)) map.set(m[1], [m[2], m[3]]);
  return map;
}

const modules: Record<string, Record<string, unknown>> = { '../enums': enums, '../notifications': notifications, '../error-codes': errorCodes };

describe('generated GraphQL operation types', () => {
  it('match apps/bff/schema.graphql and the client documents (run `pnpm --filter @msb/shared-types codegen` when this fails)', () => {
    const bin = join(root, 'node_modules', '.bin', 'graphql-codegen');
    const r = spawnSync(bin, ['--config', 'codegen.yml', '--check'], { cwd: root, encoding: 'utf8' });
    expect({ status: r.status, out: r.status === 0 ? '' : `${r.stdout}${r.stderr}` }).toEqual({ status: 0, out: '' });
  }, 60_000);

  it('use the shared enums, which hold exactly the values the schema has', () => {
    const schema = buildSchema(read('../../apps/bff/schema.graphql'));
    const mapped = enumMappings();
    expect(mapped.size).toBeGreaterThan(0);
    for (const [name, [module, exported]] of mapped) {
      const type = schema.getType(name);
      expect({ name, isEnum: type instanceof GraphQLEnumType }).toEqual({ name, isEnum: true });
      const shared = modules[module]?.[exported] as Record<string, string> | undefined;
      expect({ name, values: shared && Object.values(shared).sort() }).toEqual({
        name,
        values: (type as GraphQLEnumType).getValues().map((v) => v.value as string).sort(),
      });
    }
  });

  it('declare no copy of an enum shared-types has: each is mapped in codegen.yml and imported', () => {
    const generated = read('src/graphql/operations.ts');
    const mapped = enumMappings();
    const shared = new Set(Object.values(modules).flatMap((m) => Object.keys(m)));
    const copies = [...generated.matchAll(/^export type (\w+) =\n {2}\| '/gm)].map((m) => m[1]).filter((name) => shared.has(name));
    expect(copies).toEqual([]);
    for (const [name, [module]] of mapped) {
      if (new RegExp(`\\b${name}\\b`).test(generated.replace(/^import .*$/gm, ''))) {
        expect(generated).toContain(`import type { ${name} } from '${module}';`);
      }
    }
  });
});
