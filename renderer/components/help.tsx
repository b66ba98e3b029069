// 使用说明: the five steps a clerk follows (新建会议 → 导入名单 → 收集材料 → 编排 → 生成), reachable
// from every screen (header button, F1). Each step says where it happens and can take the clerk
// there; steps that need an open session say so instead of failing. It never changes data.
import { Button, Drawer, Steps, Typography } from 'antd';
import type { Screen } from '../state/app-state';

export const HELP_STEPS: { title: string; screen: Screen; text: string; needsSession: boolean }[] = [
  {
    title: '新建会议',
    screen: 'sessions',
    needsSession: false,
    text: '在“会议”中点“新建会议”，填写会议名称和日期；想先熟悉流程，可点“打开示例会议”。',
  },
  {
    title: '导入名单',
    screen: 'roster',
    needsSession: true,
    text: '在“委员名单”中从 Excel 或 CSV 导入委员名单，确认每一列对应的项目。有了名单才能看出谁已交、谁未交。',
  },
  {
    title: '收集材料',
    screen: 'intake',
    needsSession: true,
    text: '在“材料收集”中拖入委员发来的 Word、WPS、PDF 或文本文件（也可以选择整个文件夹），看导入结果和尚未提交的名单。',
  },
  {
    title: '编排',
    screen: 'arrange',
    needsSession: true,
    text: '在“编排”中把材料拖进栏目，或按姓氏笔画等规则排序；双击一篇材料可核对标题、作者和正文。',
  },
  {
    title: '生成',
    screen: 'preview',
    needsSession: true,
    text: '在“预览与生成”中生成汇编，逐页查看，导出 PDF、Word，或制作印刷版、编号本和分发材料。',
  },
];

export function HelpDrawer({
  open,
  onClose,
  current,
  hasSession,
  go,
}: {
  open: boolean;
  onClose(): void;
  current: Screen;
  hasSession: boolean;
  go(s: Screen): void;
}) {
  // The step of the screen the clerk is on (材料详情 belongs to 编排, 会议信息 to 新建会议, 统计 to 生成).
  const alias: Partial<Record<Screen, Screen>> = { item: 'arrange', info: 'sessions', stats: 'preview' };
  const at = HELP_STEPS.findIndex((s) => s.screen === (alias[current] ?? current));
  return (
    <Drawer title="使用说明" open={open} onClose={onClose} size={420} data-testid="help">
      <Typography.Paragraph>
        汇编把一次会议的委员发言材料整理成一本符合 GB/T 9704 的汇编。按下面五步操作即可，每一步都可以撤销（Ctrl+Z）。
      </Typography.Paragraph>
      <Steps
        direction="vertical"
        size="small"
        current={at < 0 ? undefined : at}
        items={HELP_STEPS.map((s) => ({
          title: s.title,
          description: (
            <div data-testid="help-step">
              <div>{s.text}</div>
              <Button
                size="small"
                style={{ marginTop: 4 }}
                disabled={s.needsSession && !hasSession}
                title={s.needsSession && !hasSession ? '请先新建或打开一个会议' : undefined}
                onClick={() => {
                  go(s.screen);
                  onClose();
                }}
              >
                去“
                {s.title === '新建会议'
                  ? '会议'
                  : s.title === '生成'
                    ? '预览与生成'
                    : s.title === '导入名单'
                      ? '委员名单'
                      : s.title === '收集材料'
                        ? '材料收集'
                        : '编排'}
                ”
              </Button>
            </div>
          ),
        }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        快捷键：Alt+1 至 Alt+8 切换页面，Ctrl+Z 撤销，Ctrl+Y 重做，F1
        打开本说明。所有改动自动保存，页面顶部显示“已保存”。
      </Typography.Paragraph>
    </Drawer>
  );
}
