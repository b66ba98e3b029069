// The allowed-imports map of eslint.config.js is enforced: an arrow against the direction (model →
// layout, layout → render, read → service …) is a lint error, an allowed one is not.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function errors(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('core layering by lint', () => {
  it('refuses imports against the direction', async () => {
    expect(
      await errors(
        'core/model/probe.ts',
        "import { layoutDossier } from '../layout/index';\nexport const x = layoutDossier;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errors(
        'core/layout/probe.ts',
        "import { renderPdf } from '../render/pdf/index';\nexport const x = renderPdf;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errors(
        'core/render/docx/probe.ts',
        "import { compileDossier } from '../../compile/index';\nexport const x = compileDossier;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errors(
        'core/read/docx/probe.ts',
        "import { createService } from '../../service/service';\nexport const x = createService;\n",
      ),
    ).toHaveLength(1);
    expect(
      await errors('core/print/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"),
    ).toHaveLength(1);
    expect(
      await errors(
        'renderer/probe.ts',
        "import { compileDossier } from '../core/compile/index';\nexport const x = compileDossier;\n",
      ),
    ).toHaveLength(1);
  }, 60_000);

  it('accepts the allowed arrows', async () => {
    expect(
      await errors(
        'core/render/pdf/probe.ts',
        "import type { LaidOutDossier } from '../../layout/types';\nimport { fromBase64 } from '../../bytes/base64';\nimport { ok } from '../../result';\nexport type X = LaidOutDossier;\nexport const y = [fromBase64, ok];\n",
      ),
    ).toEqual([]);
    expect(
      await errors(
        'core/service/probe.ts',
        "import { compileDossier } from '../compile/index';\nexport const x = compileDossier;\n",
      ),
    ).toEqual([]);
    expect(
      await errors(
        'renderer/probe.ts',
        "import type { Session } from '../core/model/session';\nexport type X = Session;\n",
      ),
    ).toEqual([]);
  }, 60_000);
});
