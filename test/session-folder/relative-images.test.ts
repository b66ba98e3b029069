// A Markdown submission's relative images are read from inside the session folder only.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSessionFolder } from '../../core/node/session-folder';
import { barChartPng } from '../../scripts/generate-sample';

let dir: string;
let outside: string;

beforeAll(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'hb-relimg-'));
  dir = path.join(root, 'session');
  outside = path.join(root, 'secret.png');
  await mkdir(path.join(dir, 'sources', 'img'), { recursive: true });
  const png = barChartPng([3, 5, 2], [2021, 2022, 2023]);
  await writeFile(path.join(dir, 'sources', 'img', 'chart.png'), png);
  await writeFile(outside, png);
  await writeFile(
    path.join(dir, 'sources', 'a.md'),
    '---\ntitle: 图表\nauthor: 韩喜\n---\n\n正文。\n\n![游客数](img/chart.png)\n\n![越界](../../secret.png)\n\n![不存在](img/none.png)\n',
  );
  await writeFile(
    path.join(dir, 'session.json'),
    JSON.stringify({
      schemaVersion: 1,
      id: 's',
      name: '测试会议',
      date: '2023-09-20',
      sections: [{ id: 'a', title: '大会发言', items: ['x'] }],
      submissions: [{ id: 'x', title: '图表', source: { file: 'sources/a.md', format: 'md' } }],
    }),
  );
});

describe('session folder: relative Markdown images', () => {
  it('embeds an image beside the source and refuses paths that leave the session folder', async () => {
    const r = await loadSessionFolder(dir);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const doc = r.value.docs.get('x')!;
    const images = doc.blocks.filter((b) => b.type === 'image');
    expect(images).toHaveLength(1);
    const img = images[0];
    if (img.type !== 'image') return;
    expect(img.width).toBe(640);
    expect(doc.images[img.resource].mime).toBe('image/png');
    // the escaping and the missing image are kept as text with a warning, never read
    expect(doc.warnings.filter((w) => w.code.startsWith('image.')).length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(doc.blocks)).toContain('越界');
  });
});
