// Command-line flags and the one required environment variable, shared by the bench scripts.
export interface BenchArgs {
  label: string;
  duration: number;
  warmup: number;
  connections: number;
  explainOnly: boolean;
  users: number;
  /** bench:seed: activity log entries, email log rows and tickets to add (issue 14's admin lists). */
  activity: number;
  emails: number;
  tickets: number;
}

export function parseArgs(argv = process.argv.slice(2)): BenchArgs {
  const args: BenchArgs = {
    label: 'empty',
    duration: 10,
    warmup: 2,
    connections: 50,
    explainOnly: false,
    users: 1_000_000,
    activity: 0,
    emails: 0,
    tickets: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    const num = (name: string) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) fail(`${name} needs a positive number`);
      return n;
    };
    if (flag === '--label') args.label = value().replace(/[^\w.-]/g, '_') || 'empty';
    else if (flag === '--duration') args.duration = num('--duration');
    else if (flag === '--warmup') args.warmup = num('--warmup');
    else if (flag === '--connections') args.connections = Math.floor(num('--connections'));
    else if (flag === '--users') args.users = Math.floor(num('--users'));
    else if (flag === '--activity') args.activity = Math.floor(num('--activity'));
    else if (flag === '--emails') args.emails = Math.floor(num('--emails'));
    else if (flag === '--tickets') args.tickets = Math.floor(num('--tickets'));
    else if (flag === '--explain-only') args.explainOnly = true;
    else
      fail(
        `Unknown flag ${flag}. Flags: --label NAME --duration SECONDS --warmup SECONDS --connections N --explain-only (bench); --users N --activity N --emails N --tickets N (bench:seed)`,
      );
  }
  return args;
}

/** The bench only ever runs against a database it is told about: never the app's own data. */
export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    fail(
      'DATABASE_URL is not set. The bench needs a real PostgreSQL database of its own, e.g.\n' +
        '  su postgres -c "createdb app_bench"\n' +
        '  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/app_bench npm run bench',
    );
  }
  return url;
}

export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
