// Benchmark-only preload (`node -r bench/bench-hooks.js dist/main.js`), never loaded in production.
// The bench writes commands into BENCH_CONTROL_FILE; every process that preloaded this (cluster children too)
// reads it within 50 ms:  "trace <file>" appends each TypeORM statement as a JSON line to <file>,
// "prof <file-prefix>" starts a CPU profile, "off" stops both (the profile goes to <prefix>.<pid>.cpuprofile).
const fs = require('node:fs');
const control = process.env.BENCH_CONTROL_FILE;
// The job-worker process (dist/worker.js) is not measured: it neither traces nor profiles.
if (control && !/worker\.js$/.test(process.argv[1] ?? '')) {
  let trace = null;
  let session = null;
  let profPrefix = null;
  // The TypeORM the process itself loads (resolved from its main script, e.g. dist/cluster.js).
  const from = require('node:path').dirname(require('node:path').resolve(process.argv[1] ?? '.'));
  const { MysqlQueryRunner } = require(require.resolve('typeorm/driver/mysql/MysqlQueryRunner', { paths: [from] }));
  const query = MysqlQueryRunner.prototype.query;
  MysqlQueryRunner.prototype.query = async function (sql, params, structured) {
    const out = await query.call(this, sql, params, structured);
    if (trace) {
      const raw = structured ? out.raw : out;
      const ps = (params ?? []).map((p) => (p instanceof Date ? { $date: p.toISOString() } : p));
      fs.appendFileSync(trace, JSON.stringify({ c: this.databaseConnection?.threadId ?? 0, sql, params: ps, insertId: raw && raw.insertId ? Number(raw.insertId) : 0 }) + '\n');
    }
    return out;
  };
  const stopProfile = () => {
    if (!session) return;
    const s = session;
    const prefix = profPrefix;
    session = null;
    s.post('Profiler.stop', (err, res) => {
      if (!err) fs.writeFileSync(`${prefix}.${process.pid}.cpuprofile`, JSON.stringify(res.profile));
      s.disconnect();
    });
  };
  let last = '';
  const apply = () => {
    let cmd = '';
    try { cmd = fs.readFileSync(control, 'utf8').trim(); } catch { return; }
    if (cmd === last) return;
    last = cmd;
    const [verb, arg] = cmd.split(/\s+/);
    trace = verb === 'trace' ? arg : null;
    if (verb === 'prof') {
      stopProfile();
      const inspector = require('node:inspector');
      session = new inspector.Session();
      session.connect();
      profPrefix = arg;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
    } else stopProfile();
  };
  setInterval(apply, 50).unref();
}
