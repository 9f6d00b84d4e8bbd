#!/usr/bin/env node
// The import rules of .dependency-cruiser.cjs over every package. Fails on any violation that is not in
// the known-violations baseline (.dependency-cruiser-known-violations.json, being emptied); lists the
// baseline entries still present and those already fixed (delete them from the file).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KNOWN = '.dependency-cruiser-known-violations.json';
const SOURCES = ['apps/bff/src', 'apps/bff/test', 'apps/bff/bench', 'apps/miniapp/src', 'apps/miniapp/e2e', 'apps/miniapp/config', 'packages/shared-types/src'];

const r = spawnSync(join(root, 'node_modules/.bin/depcruise'), ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...SOURCES], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (r.error || !r.stdout) {
  console.error(`depcruise did not run: ${r.error?.message ?? r.stderr}`);
  process.exit(1);
}
const { summary } = JSON.parse(r.stdout);
const rules = new Map(summary.ruleSetUsed.forbidden.map((rule) => [rule.name, rule.comment]));
const key = (v) => `${v.rule.name}|${v.from}|${v.to}`;
const short = (path) => path.replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, 'node_modules/');
const show = (v) => `${v.rule.name}: ${v.from} → ${v.type === 'cycle' ? v.cycle.map((c) => c.name ?? c).join(' → ') : short(v.to)}`;

const known = existsSync(join(root, KNOWN)) ? JSON.parse(readFileSync(join(root, KNOWN), 'utf8')) : [];
const knownKeys = new Set(known.map(key));
const found = summary.violations.filter((v) => v.rule.severity === 'error');
const foundKeys = new Set(found.map(key));
const fresh = found.filter((v) => !knownKeys.has(key(v)));
const still = found.filter((v) => knownKeys.has(key(v)));
const fixed = known.filter((v) => !foundKeys.has(key(v)));

if (still.length) {
  console.log(`${still.length} known violation(s), allowed until fixed (${KNOWN}):`);
  for (const v of still) console.log(`  known ${show(v)}`);
}
if (fixed.length) {
  console.log(`${fixed.length} known violation(s) no longer occur: delete them from ${KNOWN}:`);
  for (const v of fixed) console.log(`  fixed ${show(v)}`);
}
for (const v of fresh) console.log(`  error ${show(v)}\n        ${rules.get(v.rule.name) ?? ''}`);
console.log(`import rules: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports, ${fresh.length} new violation(s), ${still.length} known`);
process.exit(fresh.length ? 1 : 0);
