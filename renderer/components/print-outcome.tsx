// 印刷与分发, the dialog's lower half: progress while a product is made, why the button is disabled,
// the error in the clerk's words, or the files made (download / open their folder) with the print
// room's sheet (pages, sheets, reams). Shows only; the dialog (print-dialog.tsx) runs the export.
import { Alert, Button, Descriptions, List, Progress, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, FolderOpenOutlined } from '@ant-design/icons';
import type { ExportPrintOutput } from '../../core/contract';
import type { AppError } from '../../core/result';
import { errorWording, formatSize, sessionFileName } from './print-products';

type PrintFile = ExportPrintOutput['files'][number];

export function PrintOutcome({
  running,
  step,
  blocker,
  error,
  result,
  showPath,
  sessionName,
  onDownload,
}: {
  running: boolean;
  step: string;
  blocker: string | null;
  error: AppError | null;
  result: ExportPrintOutput | null;
  /** The desktop app: files have a path on disk (open the folder instead of downloading). */
  showPath: boolean;
  sessionName: string;
  onDownload(f: PrintFile): void;
}) {
  const sheetInfo = result?.report.printSheet;
  return (
    <>
      {running && (
        <div style={{ marginTop: 16 }} data-testid="print-progress" role="status" aria-live="polite">
          <Progress percent={100} status="active" showInfo={false} />
          <Typography.Text type="secondary">{step || '正在生成…'}</Typography.Text>
        </div>
      )}
      {!running && step === '已取消' && !result && !error && (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          title="已取消，没有生成文件。"
          data-testid="print-cancelled"
        />
      )}
      {blocker && !running && !result && (
        <Alert style={{ marginTop: 16 }} type="info" showIcon title={blocker} data-testid="print-blocker" />
      )}
      {error && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          title="没有生成"
          description={errorWording(error)}
          data-testid="print-error"
        />
      )}
      {result && (
        <div style={{ marginTop: 16 }} data-testid="print-result">
          <Alert
            type="success"
            showIcon
            title={`已生成 ${result.files.length} 个文件，用时 ${(result.report.ms / 1000).toFixed(1)} 秒`}
            description={
              result.report.warnings.length ? (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {result.report.warnings.slice(0, 5).map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
          <List
            size="small"
            bordered
            style={{ marginTop: 8 }}
            dataSource={result.files}
            renderItem={(f) => (
              <List.Item
                data-testid="print-file"
                data-name={f.name}
                actions={[
                  <Button
                    key="dl"
                    type="link"
                    icon={showPath && f.path ? <FolderOpenOutlined /> : <DownloadOutlined />}
                    onClick={() => onDownload(f)}
                    data-testid="print-download"
                  >
                    {showPath && f.path ? '打开所在文件夹' : '下载'}
                  </Button>,
                ]}
              >
                <Space wrap>
                  <Typography.Text data-testid="print-file-name">
                    {showPath && f.path ? f.name : sessionFileName(sessionName, f.name)}
                  </Typography.Text>
                  <Tag>{formatSize(f.size)}</Tag>
                  {f.pages !== undefined && <Tag color="blue">{f.pages} 页</Tag>}
                </Space>
              </List.Item>
            )}
          />
          {sheetInfo && (
            <Descriptions
              size="small"
              bordered
              column={3}
              style={{ marginTop: 8 }}
              data-testid="print-sheet-info"
              items={[
                {
                  key: 'p',
                  label: '每份页数',
                  children: `${sheetInfo.pagesPerCopy}（含空白 ${sheetInfo.blankPages}）`,
                },
                { key: 's', label: '每份用纸', children: `${sheetInfo.sheetsPerCopy} 张 ${sheetInfo.paper}` },
                { key: 'c', label: '份数', children: sheetInfo.copies },
                {
                  key: 't',
                  label: '总用纸',
                  children: `${sheetInfo.totalSheets} 张（含备用 ${sheetInfo.spareSheets}）`,
                },
                {
                  key: 'r',
                  label: '约合',
                  children: `${sheetInfo.reams} 令（${sheetInfo.reamsExact.toFixed(2)}）`,
                },
                {
                  key: 'm',
                  label: '方式',
                  children: sheetInfo.mode === 'duplex' ? '双面' : sheetInfo.mode === 'booklet' ? '骑马订' : '单面',
                },
              ]}
            />
          )}
        </div>
      )}
    </>
  );
}
