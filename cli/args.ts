// Argument parsing shared by the terminal commands: node:util parseArgs with --help/-h, a Chinese
// message plus the command's help on bad arguments (exit 2), and the help text on --help (exit 0).
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; allowPositionals: true; strict: true }>
>;

/** The parsed arguments, or the exit code when the command should stop here (bad arguments, --help). */
export function parseCommandArgs<const O extends Options>(
  argv: string[],
  options: O,
  help: string,
  opts: { positionals?: boolean } = {},
): Parsed<O> | 0 | 2 {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, ...HELP_OPTION },
      allowPositionals: opts.positionals ?? true,
      strict: true,
    }) as Parsed<O>;
  } catch (e) {
    console.error(`参数错误：${e instanceof Error ? e.message : String(e)}\n\n${help}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(help);
    return 0;
  }
  return parsed;
}

/** The single session folder a command works on, or exit code 2 with a message. */
export function oneSessionDir(positionals: string[], help: string): string | 2 {
  const dir = positionals[0];
  if (!dir || positionals.length > 1) {
    console.error(`${dir ? '只能给出一个会议文件夹' : '缺少会议文件夹'}\n\n${help}`);
    return 2;
  }
  return dir;
}
