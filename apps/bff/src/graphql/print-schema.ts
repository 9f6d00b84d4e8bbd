import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { INestApplication } from '@nestjs/common';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { join } from 'node:path';

/** The committed contract: apps/bff/schema.graphql. The mini-app's operation types are generated from it. */
export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

export function schemaText(app: INestApplication): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `# Generated from the code-first resolvers by \`pnpm --filter @msb/bff schema:print\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
