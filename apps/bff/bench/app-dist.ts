import { join } from 'node:path';

/**
 * The application as the bench build compiled it (`tsc -p tsconfig.bench.json` puts src/ in
 * dist-bench/src and bench/ in dist-bench/bench), so a benchmark's child processes (BFF, worker, seed)
 * run the same code as the benchmark itself. The production build (dist/) contains no benchmark.
 */
export const APP_DIST = join(__dirname, '..', 'src');
