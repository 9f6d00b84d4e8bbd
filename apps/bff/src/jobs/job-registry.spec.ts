import { JobName, SweepName } from './job-names';
import { JobRegistry, JobRegistryError } from './job-registry';

const done = async () => ({ kind: 'done' as const });
const sweep = { start: () => undefined, stop: async () => undefined };

function complete(): JobRegistry {
  const r = new JobRegistry();
  r.register(JobName.SLA_WAKE, done);
  r.register(JobName.SEND_SUBSCRIBE_MESSAGE, done);
  r.register(JobName.MAKE_EXPORT, done);
  r.registerSweep(SweepName.SLA_RECONCILE, sweep);
  r.registerSweep(SweepName.WECHAT_OUTBOX, sweep);
  r.registerSweep(SweepName.FIGURE_EXPORTS, sweep);
  return r;
}

describe('the job registry', () => {
  it('starts when every job and sweep has exactly one handler', () => {
    expect(() => complete().verify()).not.toThrow();
  });

  it('refuses a job without a handler, naming it', () => {
    const r = new JobRegistry();
    r.register(JobName.SLA_WAKE, done);
    r.register(JobName.MAKE_EXPORT, done);
    r.registerSweep(SweepName.SLA_RECONCILE, sweep);
    r.registerSweep(SweepName.WECHAT_OUTBOX, sweep);
    r.registerSweep(SweepName.FIGURE_EXPORTS, sweep);
    expect(() => r.verify()).toThrow(new JobRegistryError(`no handler for: job ${JobName.SEND_SUBSCRIBE_MESSAGE}`));
  });

  it('refuses a sweep without a handler', () => {
    const r = new JobRegistry();
    r.register(JobName.SLA_WAKE, done);
    r.register(JobName.SEND_SUBSCRIBE_MESSAGE, done);
    r.register(JobName.MAKE_EXPORT, done);
    expect(() => r.verify()).toThrow(/sweep sla-reconcile, sweep wechat-outbox, sweep figure-exports/);
  });

  it('refuses a second handler for the same job or sweep', () => {
    const r = complete();
    expect(() => r.register(JobName.SLA_WAKE, done)).toThrow(new JobRegistryError(`duplicate handler for job ${JobName.SLA_WAKE}`));
    expect(() => r.registerSweep(SweepName.WECHAT_OUTBOX, sweep)).toThrow(JobRegistryError);
  });
});
