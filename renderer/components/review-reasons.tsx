// Why an item needs review, in words: each reason the importer recorded (reviewReasons, with what
// it guessed), plus what the session itself shows (no author, no roster member, reader warnings).
// 标记为已核对 clears the review state in one edit (undoable like every edit).
import { Alert, Button, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { Submission } from '../../core/model/session';
import { useApp } from '../state/app-state';
import { FIELD_NAMES } from './item-fields';

export interface ReasonLine {
  field?: string;
  message: string;
}

/** Every reason to look at an item, recorded ones first; duplicates of a recorded field dropped. */
export function reviewLines(sub: Submission, docWarnings: string[]): ReasonLine[] {
  const lines: ReasonLine[] = (sub.reviewReasons ?? []).map((r) => ({ field: r.field, message: r.message }));
  const fields = new Set(lines.map((l) => l.field));
  if (!sub.authorLine.trim() && !(sub.organisations ?? []).length && !fields.has('byline') && !fields.has('authors'))
    lines.push({ field: 'byline', message: '没有识别出署名，请填写署名或选择作者。' });
  if (sub.memberIds.length === 0 && !(sub.organisations ?? []).length && !fields.has('authors'))
    lines.push({ field: 'authors', message: '没有对应到名单中的委员（单位署名可不选）。' });
  for (const w of docWarnings) lines.push({ message: w });
  return lines;
}

export function ReviewReasons({ sub, lines }: { sub: Submission; lines: ReasonLine[] }) {
  const app = useApp();
  const review = sub.status === 'review';
  if (!review && !lines.length) return null;
  const markReviewed = () =>
    void app.edit('submissions.update', { submissionId: sub.id, patch: { status: 'ok', reviewReasons: [] } });
  const markReview = () => void app.edit('submissions.update', { submissionId: sub.id, patch: { status: 'review' } });
  return (
    <Alert
      type={review ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="review-reasons"
      title={review ? '这份材料需要核对，原因如下' : '已核对；以下情况仅供参考'}
      description={
        <div>
          {lines.length > 0 ? (
            <ul style={{ margin: '4px 0 8px', paddingLeft: 20 }}>
              {lines.map((l, i) => (
                <li key={i} data-testid="review-reason">
                  {l.field && <Typography.Text strong>{FIELD_NAMES[l.field] ?? l.field}：</Typography.Text>}
                  {l.message}
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Paragraph style={{ margin: '4px 0 8px' }}>
              导入时标为待核对，请核对标题、署名和正文开头。
            </Typography.Paragraph>
          )}
          <Space>
            {review ? (
              <Button
                type="primary"
                size="small"
                icon={<CheckOutlined />}
                disabled={!!app.view?.readOnly}
                onClick={markReviewed}
                data-testid="mark-reviewed"
              >
                核对无误，标记为已核对
              </Button>
            ) : (
              <Button size="small" disabled={!!app.view?.readOnly} onClick={markReview}>
                改回待核对
              </Button>
            )}
          </Space>
        </div>
      }
    />
  );
}
