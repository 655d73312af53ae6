import { parse, UsageError, type Command } from '../cli.ts';
import { COMMANDS, findCommand } from './index.ts';

export const help: Command = {
  name: 'help',
  summary: '列出命令，或显示某个命令的用法 / list the commands, or show one command\'s usage',
  usage: 'help [command]',
  async run(argv, ctx) {
    const { positionals } = parse(argv, {}, true);
    if (positionals[0]) {
      const command = findCommand(positionals[0]);
      if (!command) throw new UsageError(`未知命令 / unknown command: ${positionals[0]}`);
      ctx.out(`${command.summary}\n\nusage: pnpm cli ${command.usage}`);
      return;
    }
    const width = Math.max(...COMMANDS.map((c) => c.name.length));
    ctx.out(
      [
        '科学家精神教育基地 运维命令 / Scientist Spirit Bases operator commands',
        '',
        'usage: pnpm cli <command> [options]        (from the repository root)',
        '',
        ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
        '',
        'The database is the one the server uses: DATABASE_URL (PostgreSQL), or PGlite in $DATA_DIR/pglite',
        '(DATA_DIR defaults to the repository\'s .data). PGlite allows one process at a time: stop the server',
        'first (commands refuse while a PGlite server answers on $PORT; --no-server-check skips that check).',
        'Relative file names are resolved against the repository root when run through `pnpm cli`.',
        'Exit codes: 0 ok, 1 failed, 2 bad arguments. `pnpm cli help <command>` shows a command\'s options.',
      ].join('\n'),
    );
  },
};
