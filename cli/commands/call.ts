// `huibian call <name> [JSON]`: any call of the one typed contract from a terminal, through the same
// dispatcher as the app's IPC and HTTP transports (input validated, errors as values with codes).
// For scripting and for support: `huibian call sessions.list`, `huibian call stats.get '{"sessionId":"…"}'`.
import { API_NAMES, isApiName } from '../../core/contract';
import { DATA_OPTION_HELP, withLocalClient } from '../local-client';
import { parseCommandArgs } from '../args';

const HELP = `用法：huibian call <调用名> ['{"参数":"值"}'] [--data 数据文件夹]

按统一接口（与界面相同的校验与错误代码）调用任一功能，结果以 JSON 输出到标准输出。
不带调用名时列出全部调用名。
${DATA_OPTION_HELP}`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { data: { type: 'string' } }, HELP);
  if (typeof args === 'number') return args;
  const [name, json] = args.positionals;
  if (!name) {
    console.log(API_NAMES.join('\n'));
    return 0;
  }
  if (!isApiName(name)) {
    console.error(`未知调用：${name}（huibian call 可列出全部调用名）`);
    return 2;
  }
  let input: unknown = {};
  if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch (e) {
      console.error(`参数不是有效的 JSON：${(e as Error).message}`);
      return 2;
    }
  }
  return withLocalClient(args.values.data, async (client) => {
    // The name was checked above; the dispatcher validates the input against the contract's schema.
    const r = await (client.call as (n: string, i: unknown) => ReturnType<typeof client.call>)(name, input);
    if (!r.ok) {
      console.error(`失败：${r.error.message}（${r.error.code}）`);
      console.log(JSON.stringify(r, null, 2));
      return 1;
    }
    console.log(JSON.stringify(r.value, null, 2));
    return 0;
  });
}
