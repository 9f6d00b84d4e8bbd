import { mkdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { PeriodKind } from '../domain/period';
import { STATUS_LABEL, TicketSource, type TicketStatus } from '@msb/shared-types';
import { Clock } from '../../common/clock';
import { badInput, notFound } from '../../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Viewer } from '../../org/domain/viewer';
import { OrgService } from '../../org/org.service';
import { exportJobId, JobName, QueueName, SweepName } from '../../jobs/job-names';
import { JobQueues } from '../../jobs/job-queues';
import { JobRegistry } from '../../jobs/job-registry';
import { JobWorkers } from '../../jobs/job-workers';
import { currentRequestId } from '../../observability/request-context';
import { withinMs } from '../../redis/redis.module';
import { TicketsService } from '../../tickets/tickets.service';
import type { ScopeKind, ScopeRef } from '../domain/scope';
import { FiguresService, SOURCE_NAME, type PeriodInput } from '../figures.service';
import { dayBefore, writeCsv, writeXlsx, type TicketLine, type TicketPages } from './export-writer';
import { ExportContent, ExportFormat, ExportsRepository, ExportStatus, type ExportRow } from './exports.repository';

const PAGE = 1000;
/** A running export that has not reported progress for this long is taken over. */
const STALE_MS = 2 * 60_000;
/** A queued export nobody started within this long is made by the sweep (its wake-up was lost, or Redis was away). */
const WAITING_MS = 20_000;

export interface ExportRequest {
  scope: ScopeRef;
  period: PeriodInput;
  categoryCode?: string | null;
  source?: string | null;
  format: ExportFormat;
  /** CSV only: which table (default TICKETS). An XLSX holds both. */
  content?: ExportContent | null;
}

/**
 * Exports of a scope's figures and the tickets behind them (XLSX, CSV). The figure_exports row is the truth;
 * a small export is made at once, a large one by the job host's worker (JobName.MAKE_EXPORT, concurrency 1).
 * With Redis away the row waits and the sweep (SweepName.FIGURE_EXPORTS: every process running workers, every
 * 30 s) makes it; a worker that dies is taken over.
 * Only the viewer who asked may fetch the file, and only while the scope is still theirs; files expire.
 */
@Injectable()
export class ExportsService implements OnModuleInit {
  private readonly log = new Logger(ExportsService.name);
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    private readonly repo: ExportsRepository,
    private readonly figures: FiguresService,
    private readonly tickets: TicketsService,
    private readonly org: OrgService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: JobQueues,
    private readonly registry: JobRegistry,
    private readonly workers: JobWorkers,
  ) {}

  onModuleInit(): void {
    // The handler claims the row; a second wake-up (or one after the sweep made it) finds it taken or done.
    this.registry.register(JobName.MAKE_EXPORT, async (p) => ({ kind: 'done', note: (await this.run(p.exportId)) ?? 'taken' }));
    this.registry.registerSweep(SweepName.FIGURE_EXPORTS, {
      start: () => {
        this.timer = setInterval(() => {
          if (this.sweeping) return;
          this.sweeping = this.sweep().catch((e) => this.log.warn(`export sweep: ${e.message}`)).finally(() => (this.sweeping = null));
        }, 30_000);
        this.timer.unref();
      },
      stop: async () => {
        if (this.timer) clearInterval(this.timer);
        this.timer = null;
        await this.sweeping;
      },
    });
  }

  // ---- asking ------------------------------------------------------------------------------

  async request(viewer: Viewer, q: ExportRequest): Promise<ExportRow> {
    if (!Object.values(ExportFormat).includes(q.format)) throw badInput('导出格式无效', { field: 'format' });
    const content = q.format === ExportFormat.XLSX ? ExportContent.TICKETS : (q.content ?? ExportContent.TICKETS);
    if (!Object.values(ExportContent).includes(content)) throw badInput('导出内容无效', { field: 'content' });
    if (q.source && !Object.values(TicketSource).includes(q.source as TicketSource)) throw badInput('来源无效', { field: 'source' });
    if (q.categoryCode && !(await this.org.category(q.categoryCode))) throw badInput('问题类别不存在', { field: 'categoryCode' });
    // Checks role and scope (FORBIDDEN / NOT_FOUND) and the period, and counts the rows.
    const r = await this.figures.figures(viewer, q.scope, q.period, { categoryCode: q.categoryCode, source: q.source });
    const rows = content === ExportContent.FIGURES && q.format === ExportFormat.CSV ? 0 : r.current.counters.filed;
    const id = await this.repo.insert({
      userId: viewer.userId, scopeKind: q.scope.kind, scopeId: q.scope.id, periodKind: r.period.kind, periodFrom: r.period.from, periodTo: r.period.to,
      categoryCode: q.categoryCode ?? null, source: q.source ?? null, format: q.format, content, rowsTotal: rows,
    }, this.clock.now());
    if (rows <= this.config.exports.inlineMaxRows) {
      await this.run(id);
    } else {
      try {
        await withinMs(3000, this.queues.add(JobName.MAKE_EXPORT, { data: { exportId: id, reqId: currentRequestId() }, opts: { jobId: exportJobId(id) } }));
      } catch (e) {
        this.log.warn(`export ${id} waits for the sweep (queue unavailable: ${(e as Error).message})`);
      }
    }
    return (await this.repo.find(id))!;
  }

  /** An export of the viewer's own; NOT_FOUND for anyone else's (existence does not leak). */
  async get(viewer: Viewer, id: string): Promise<ExportRow> {
    if (!/^\d{1,19}$/.test(id)) throw notFound('导出');
    const row = await this.repo.find(id);
    if (!row || row.userId !== viewer.userId) throw notFound('导出');
    return row;
  }

  /** The file, for its owner while the scope is still theirs and the file has not expired. */
  async file(viewer: Viewer, id: string): Promise<{ row: ExportRow; path: string }> {
    const row = await this.get(viewer, id);
    this.figures.scope(viewer, await this.figures.places(), { kind: row.scopeKind as ScopeKind, id: row.scopeId });
    if (row.status !== ExportStatus.DONE || !row.filePath || !row.expiresAt || +row.expiresAt <= +this.clock.now()) throw notFound('导出文件');
    return { row, path: row.filePath };
  }

  // ---- making ------------------------------------------------------------------------------

  /** Makes one export if it can claim it (idempotent: a second worker or the sweep finds it taken or done). */
  async run(id: string): Promise<ExportStatus | null> {
    const now = this.clock.now();
    if (!(await this.repo.claim(id, now, new Date(+now - STALE_MS)))) return null;
    const row = (await this.repo.find(id))!;
    try {
      const viewer = await this.org.loadViewer(row.userId);
      if (!viewer) throw notFound('账号');
      const period: PeriodInput = { kind: row.periodKind as PeriodKind, day: row.periodFrom, to: row.periodKind === PeriodKind.CUSTOM ? dayBefore(row.periodTo) : null };
      const ref = { kind: row.scopeKind as ScopeKind, id: row.scopeId };
      const r = await this.figures.figures(viewer, ref, period, { categoryCode: row.categoryCode, source: row.source });
      const dir = resolve(this.config.exports.dir);
      await mkdir(dir, { recursive: true });
      const ext = row.format === ExportFormat.XLSX ? 'xlsx' : 'csv';
      const fileName = `${r.scope.name}-${r.period.from}-${dayBefore(r.period.to)}${row.format === ExportFormat.CSV ? (row.content === ExportContent.FIGURES ? '-统计' : '-工单') : ''}.${ext}`;
      const path = join(dir, `export-${row.id}.${ext}`);
      const pages = this.ticketPages(viewer, ref, period, row);
      const progress = (n: number) => this.repo.progress(row.id, n, this.clock.now());
      const filters = [row.categoryCode ? `类别 ${(await this.org.category(row.categoryCode))?.name ?? row.categoryCode}` : '', row.source ? `来源 ${SOURCE_NAME[row.source as TicketSource] ?? row.source}` : ''].filter(Boolean).join('，');
      const rowsDone = row.format === ExportFormat.XLSX
        ? await writeXlsx(path, r, filters, pages, progress)
        : await writeCsv(path, row.content, r, pages, progress);
      const size = (await stat(path)).size;
      const at = this.clock.now();
      await this.repo.done(row.id, { fileName, filePath: path, fileSize: size, rowsDone }, at, new Date(+at + this.config.exports.ttlHours * 3600_000));
      return ExportStatus.DONE;
    } catch (e) {
      this.log.warn(`export ${row.id} failed: ${(e as Error).message}`);
      await this.repo.failed(row.id, (e as Error).message ?? String(e), this.clock.now());
      return ExportStatus.FAILED;
    }
  }

  private async *ticketPages(viewer: Viewer, ref: ScopeRef, p: PeriodInput, row: ExportRow): TicketPages {
    const categories = new Map((await this.org.categories()).map((c) => [c.code, c.name]));
    let before: string | null = null;
    for (;;) {
      const page = await this.figures.ticketsBehind(viewer, ref, p, { categoryCode: row.categoryCode, source: row.source, before }, PAGE);
      if (page.length === 0) return;
      yield page.map((t): TicketLine => [
        t.number, t.display?.complexName ?? String(t.complexId), categories.get(t.categoryCode) ?? t.categoryCode,
        SOURCE_NAME[t.source as TicketSource] ?? t.source, STATUS_LABEL[t.status as TicketStatus] ?? t.status,
        t.createdAt, t.acceptedAt, t.resolvedAt, t.ratingSolved === null ? '' : t.ratingSolved ? '是' : '否', t.ratingScore, t.text,
      ]);
      if (page.length < PAGE) return;
      before = page[page.length - 1].id;
    }
  }

  // ---- workers and the sweep ---------------------------------------------------------------

  /** A worker on the export queue, as the job host runs one in every process running workers (tests start their own). */
  startWorker(): Worker {
    return this.workers.createWorker(QueueName.EXPORT);
  }

  /** Makes exports left waiting, takes over stalled ones, deletes expired files. Idempotent; needs no Redis. */
  async sweep(): Promise<{ made: number; expired: number }> {
    const now = this.clock.now();
    let made = 0;
    for (const id of await this.repo.waiting(new Date(+now - WAITING_MS), new Date(+now - STALE_MS), 10)) if (await this.run(id)) made += 1;
    let expired = 0;
    for (const f of await this.repo.expiredFiles(now, 100)) {
      if (f.filePath) await unlink(f.filePath).catch(() => undefined);
      await this.repo.expire(f.id);
      expired += 1;
    }
    return { made, expired };
  }
}

export function exportUrl(row: ExportRow): string | null {
  return row.status === ExportStatus.DONE ? `/exports/${row.id}/file` : null;
}

export function exportProgress(row: ExportRow): number {
  if (row.status === ExportStatus.DONE) return 1;
  return row.rowsTotal > 0 ? Math.min(1, row.rowsDone / row.rowsTotal) : 0;
}

