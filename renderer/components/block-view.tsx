// One block of an imported document drawn as HTML (headings, paragraphs, lists, tables, images,
// page breaks), for 材料详情's printed preview. Display only: it never changes the document.
import { inlineText, type Block, type SourceDoc } from '../../core/model/document';

export function BlockView({ b, doc }: { b: Block; doc: SourceDoc }) {
  switch (b.type) {
    case 'heading': {
      const Tag = `h${Math.min(b.level + 1, 4)}` as 'h2' | 'h3' | 'h4';
      return <Tag data-level={b.level}>{inlineText(b.inlines)}</Tag>;
    }
    case 'paragraph':
      return (
        <p
          style={{
            textIndent: b.indent === false ? 0 : '2em',
            textAlign: b.align === 'center' ? 'center' : b.align === 'right' ? 'right' : 'justify',
            margin: '0 0 4px',
          }}
        >
          {inlineText(b.inlines)}
        </p>
      );
    case 'list':
      return (
        <div>
          {b.items.map((it, i) => (
            <p key={i} style={{ margin: '0 0 4px', paddingLeft: `${2 + it.level * 2}em` }}>
              {it.label} {inlineText(it.inlines)}
            </p>
          ))}
        </div>
      );
    case 'table':
      return (
        <table style={{ borderCollapse: 'collapse', margin: '8px 0', width: '100%' }}>
          <tbody>
            {b.rows.map((r, i) => (
              <tr key={i}>
                {r.cells.map((c, j) => (
                  <td
                    key={j}
                    colSpan={c.colSpan}
                    rowSpan={c.rowSpan}
                    style={{ border: '1px solid #999', padding: '2px 6px', fontWeight: i < b.headerRows ? 700 : 400 }}
                  >
                    {c.paragraphs.map((p) => inlineText(p.inlines)).join('\n')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'image': {
      const res = doc.images[b.resource];
      return res ? (
        <figure style={{ textAlign: 'center' }}>
          <img alt={b.alt ?? ''} src={`data:${res.mime};base64,${res.data}`} style={{ maxWidth: '100%' }} />
          {b.caption && <figcaption>{b.caption}</figcaption>}
        </figure>
      ) : (
        <p>[图片]</p>
      );
    }
    case 'pageBreak':
      return <hr style={{ borderStyle: 'dashed' }} title="分页" />;
  }
}
