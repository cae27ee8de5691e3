import { parseArgs } from 'node:util';
import { hashPassword } from '#libs/password';
import { generateCoreLoad, type GeneratedBranch } from '#libs/core-files';

const USAGE =
  'usage: npm run core:generate -- --collectors N --accounts-per-collector M --date YYYY-MM-DD --out <dir> ' +
  "[--branches JKT01,BDG01] [--seed 1]   (the collectors' password from CORE_COLLECTOR_PASSWORD, default Demo-1234)";

/** Branches of the demo installation, with where their debtors live; another code is placed in Jakarta. */
const KNOWN_BRANCHES: Record<string, Omit<GeneratedBranch, 'code'>> = {
  JKT01: { latitude: -6.1865, longitude: 106.8341 },
  BDG01: { latitude: -6.9147, longitude: 107.6098 },
};

function positiveInt(text: string | undefined): number | undefined {
  return text && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
}

/**
 * `npm run core:generate`: writes a realistic Indonesian test load
 * (collectors.csv, accounts.csv, assignments.csv) for the tests and
 * benchmarks. The collectors carry one password hash, made once.
 */
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        collectors: { type: 'string' },
        'accounts-per-collector': { type: 'string' },
        date: { type: 'string' },
        out: { type: 'string' },
        branches: { type: 'string' },
        seed: { type: 'string' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 64;
  }
  const collectors = positiveInt(args.values.collectors);
  const accountsPerCollector = positiveInt(args.values['accounts-per-collector']);
  const { date, out } = args.values;
  if (!collectors || !accountsPerCollector || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !out) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  const branches = (args.values.branches ?? 'JKT01,BDG01').split(',').map((code) => ({ code, ...(KNOWN_BRANCHES[code] ?? KNOWN_BRANCHES.JKT01) }));
  const started = Date.now();
  const files = await generateCoreLoad(
    {
      collectors,
      accountsPerCollector,
      workDate: date,
      branches,
      passwordHash: await hashPassword(process.env.CORE_COLLECTOR_PASSWORD ?? 'Demo-1234'),
      seed: positiveInt(args.values.seed),
    },
    out,
  );
  process.stderr.write(`${collectors} collectors, ${collectors * accountsPerCollector} accounts and assignments in ${Date.now() - started} ms\n`);
  process.stdout.write(`${files.join('\n')}\n`);
  return 0;
}

process.exitCode = await main();
