import { CliError, createContext, UsageError, type Output } from './cli.ts';
import { findCommand } from './commands/index.ts';

const HELP_FLAGS = new Set(['help', '--help', '-h']);

/** Runs one command line and returns the exit code; never throws. */
export async function main(args: string[], output: Output, processEnv: NodeJS.ProcessEnv = process.env): Promise<number> {
  const skipServerCheck = args.includes('--no-server-check');
  const argv = args.filter((a) => a !== '--no-server-check');
  const [name = 'help', ...rest] = argv;
  const command = findCommand(HELP_FLAGS.has(name) ? 'help' : name);
  if (!command) {
    output.err(`未知命令 / unknown command: ${name}\nRun \`pnpm cli help\` for the list.`);
    return 2;
  }
  if (rest.some((a) => a === '--help' || a === '-h')) return main(['help', command.name], output, processEnv);
  try {
    const ctx = createContext(output, processEnv, { skipServerCheck });
    return (await command.run(rest, ctx)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`${error.message}\nusage: pnpm cli ${command.usage}`);
      return error.exitCode;
    }
    if (error instanceof CliError) {
      output.err(error.message);
      return error.exitCode;
    }
    const e = error as Error & { code?: string };
    if (e?.name === 'BackupError') {
      output.err(`失败 / failed: ${e.message}`);
      return 1;
    }
    output.err(`失败 / ${command.name} failed: ${e?.message ?? String(error)}`);
    if (process.env.DEBUG) output.err(String(e?.stack));
    else if (!e?.code) output.err('(set DEBUG=1 for the stack trace)');
    return 1;
  }
}
