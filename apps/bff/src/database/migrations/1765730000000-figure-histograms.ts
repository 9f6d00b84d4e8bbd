import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figures at city scale and across a change of property company (docs/figures.md):
 * - facts and roll-ups carry the company a ticket was filed under (`tickets.company_id`, 0 for none), so a
 *   company keeps its history after a complex moves to another;
 * - each roll-up row carries summable histograms of its tickets' times to accept and resolve (33 fixed
 *   buckets per time, packed 7 to a DECIMAL(65,0) column as 9-digit fields: one SUM adds every bucket);
 * - `figure_backlog` holds the open count per complex × company × category × source, so the backlog is not
 *   a sum over the whole history.
 * The roll-up and the backlog are rebuilt here from the facts (which the check recomputes from the events).
 */
const EDGE_MINUTES = [
  0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1080,
  1440, 2160, 2880, 4320, 5760, 8640, 11520, 17280, 25920, 34560, 43200, 64800, 86400,
];
const PER_COLUMN = 7;
const TIMES = ['accept_wall', 'accept_work', 'resolve_wall', 'resolve_work'];
const COLUMNS = Math.ceil(EDGE_MINUTES.length / PER_COLUMN);
/** The packed value one ticket's `<time>_ms` adds to histogram column c. */
function packedCase(time: string, c: number): string {
  const v = `${time}_ms`;
  const ms = (b: number) => EDGE_MINUTES[b] * 60_000;
  const parts: string[] = [`WHEN ${v} IS NULL THEN 0`];
  const next = (c + 1) * PER_COLUMN;
  if (next < EDGE_MINUTES.length) parts.push(`WHEN ${v} >= ${ms(next)} THEN 0`);
  for (let i = PER_COLUMN - 1; i >= 0; i--) {
    const b = c * PER_COLUMN + i;
    if (b >= EDGE_MINUTES.length) continue;
    parts.push(`WHEN ${v} >= ${b === 0 ? -9e15 : ms(b)} THEN 1${'0'.repeat(9 * i)}`);
  }
  return `CASE ${parts.join(' ')} ELSE 0 END`;
}

/** Rebuilds figure_rollups from figure_ticket_facts in SQL (the same bucketing as figures/domain/duration-histogram). */
export async function rebuildRollupsFromFacts(q: { query(sql: string, params?: unknown[]): Promise<any> }): Promise<void> {
  const hist = TIMES.flatMap((x) => Array.from({ length: COLUMNS }, (_, c) => `h_${x}_${c}`));
  // The counters are whatever counter columns the roll-up has (later features add theirs): rebuild from the facts.
  const cols: { c: string }[] = await q.query(
    `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'figure_rollups'
     AND column_name NOT IN ('complex_id', 'day', 'category_code', 'source', 'company_id') AND column_name NOT LIKE 'h\\_%' ORDER BY ordinal_position`,
  );
  const counters = cols.map((r) => r.c);
  const packed = TIMES.flatMap((x) => Array.from({ length: COLUMNS }, (_, c) => `SUM(${packedCase(x, c)})`));
  await q.query('DELETE FROM figure_rollups');
  await q.query(
    `INSERT INTO figure_rollups (complex_id, day, category_code, source, company_id, ${counters.join(', ')}, ${hist.join(', ')})
     SELECT complex_id, day, category_code, source, company_id, ${counters.map((c) => `SUM(${c})`).join(', ')}, ${packed.join(', ')}
     FROM figure_ticket_facts GROUP BY complex_id, day, category_code, source, company_id`,
  );
}

export class FigureHistograms1765730000000 implements MigrationInterface {
  name = 'FigureHistograms1765730000000';

  async up(q: QueryRunner): Promise<void> {
    const t = (sql: string) => q.query(`${sql} ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    const hist = TIMES.flatMap((x) => Array.from({ length: COLUMNS }, (_, c) => `h_${x}_${c}`));
    await q.query('ALTER TABLE figure_ticket_facts ADD COLUMN company_id INT UNSIGNED NOT NULL DEFAULT 0 AFTER complex_id');
    await q.query('UPDATE figure_ticket_facts f JOIN tickets t ON t.id = f.ticket_id SET f.company_id = COALESCE(t.company_id, 0)');
    await q.query(
      `ALTER TABLE figure_rollups ADD COLUMN company_id INT UNSIGNED NOT NULL DEFAULT 0 AFTER source,
       ${hist.map((c) => `ADD COLUMN ${c} DECIMAL(65,0) NOT NULL DEFAULT 0`).join(', ')},
       DROP PRIMARY KEY, ADD PRIMARY KEY (complex_id, day, category_code, source, company_id),
       ADD KEY ix_figure_rollups_company (company_id, complex_id, day)`,
    );
    await rebuildRollupsFromFacts(q);
    await t(`CREATE TABLE figure_backlog (
      complex_id INT UNSIGNED NOT NULL,
      category_code VARCHAR(32) NOT NULL,
      source VARCHAR(16) NOT NULL,
      company_id INT UNSIGNED NOT NULL DEFAULT 0,
      open INT NOT NULL DEFAULT 0,
      PRIMARY KEY (complex_id, category_code, source, company_id),
      KEY ix_figure_backlog_company (company_id, complex_id)
    )`);
    await q.query(
      `INSERT INTO figure_backlog (complex_id, category_code, source, company_id, open)
       SELECT complex_id, category_code, source, company_id, SUM(open) FROM figure_ticket_facts WHERE open <> 0
       GROUP BY complex_id, category_code, source, company_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS figure_backlog');
    // Without the company the keys may collide: the roll-up is rebuilt by `figures:check --repair` after going down.
    await q.query('DELETE FROM figure_rollups');
    const hist = TIMES.flatMap((x) => Array.from({ length: COLUMNS }, (_, i) => `h_${x}_${i}`));
    await q.query(
      `ALTER TABLE figure_rollups ${hist.map((c) => `DROP COLUMN ${c}`).join(', ')}, DROP PRIMARY KEY, DROP KEY ix_figure_rollups_company,
       DROP COLUMN company_id, ADD PRIMARY KEY (complex_id, day, category_code, source)`,
    );
    await q.query('ALTER TABLE figure_ticket_facts DROP COLUMN company_id');
  }
}
