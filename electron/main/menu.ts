// The native zh-CN application menu (文件 / 编辑 / 视图 / 帮助) with the shortcuts clerks know from
// office software. Menu items only send a command to the renderer or call a shell action; they must
// never touch session data directly (that goes through the contract so undo and saving stay right).
import type { MenuItemConstructorOptions } from 'electron';

export type MenuCommand =
  | 'session.new'
  | 'session.open'
  | 'import.files'
  | 'import.folder'
  | 'compile'
  | 'export.pdf'
  | 'export.docx'
  | 'print'
  | 'openOutput'
  | 'undo'
  | 'redo'
  | 'find'
  | 'nav.sessions'
  | 'nav.info'
  | 'nav.roster'
  | 'nav.intake'
  | 'nav.arrange'
  | 'nav.preview'
  | 'nav.stats'
  | 'help.about';

export interface MenuActions {
  command(cmd: MenuCommand): void;
  openRecent(sessionId: string): void;
  quit(): void;
}

export function buildMenuTemplate(
  actions: MenuActions,
  recent: { id: string; name: string }[],
  isMac = false,
): MenuItemConstructorOptions[] {
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => actions.command(command),
  });
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.slice(0, 10).map((r) => ({ label: r.name, click: () => actions.openRecent(r.id) }))
    : [{ label: '（无）', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        cmd('新建会议…', 'session.new', 'CmdOrCtrl+N'),
        cmd('打开会议…', 'session.open', 'CmdOrCtrl+Shift+O'),
        { label: '最近打开', submenu: recentItems },
        { type: 'separator' },
        cmd('导入材料…', 'import.files', 'CmdOrCtrl+O'),
        cmd('导入文件夹…', 'import.folder', 'CmdOrCtrl+Shift+I'),
        { type: 'separator' },
        cmd('生成汇编', 'compile', 'F5'),
        cmd('导出 PDF…', 'export.pdf', 'CmdOrCtrl+E'),
        cmd('导出 Word…', 'export.docx', 'CmdOrCtrl+Shift+E'),
        cmd('打印…', 'print', 'CmdOrCtrl+P'),
        cmd('打开输出文件夹', 'openOutput'),
        { type: 'separator' },
        { label: '退出', accelerator: isMac ? 'Cmd+Q' : 'Alt+F4', click: () => actions.quit() },
      ],
    },
    {
      label: '编辑',
      submenu: [
        cmd('撤销', 'undo', 'CmdOrCtrl+Z'),
        cmd('重做', 'redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { label: '剪切', role: 'cut', accelerator: 'CmdOrCtrl+X' },
        { label: '复制', role: 'copy', accelerator: 'CmdOrCtrl+C' },
        { label: '粘贴', role: 'paste', accelerator: 'CmdOrCtrl+V' },
        { label: '全选', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
        { type: 'separator' },
        cmd('查找', 'find', 'CmdOrCtrl+F'),
      ],
    },
    {
      label: '视图',
      submenu: [
        cmd('会议', 'nav.sessions', 'CmdOrCtrl+1'),
        cmd('会议信息', 'nav.info', 'CmdOrCtrl+2'),
        cmd('委员名单', 'nav.roster', 'CmdOrCtrl+3'),
        cmd('材料收集', 'nav.intake', 'CmdOrCtrl+4'),
        cmd('编排', 'nav.arrange', 'CmdOrCtrl+5'),
        cmd('预览与生成', 'nav.preview', 'CmdOrCtrl+6'),
        cmd('统计', 'nav.stats', 'CmdOrCtrl+7'),
        { type: 'separator' },
        { label: '放大', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { label: '缩小', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { label: '实际大小', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { label: '全屏', role: 'togglefullscreen', accelerator: 'F11' },
      ],
    },
    {
      label: '帮助',
      submenu: [cmd('关于汇编', 'help.about')],
    },
  ];
  return template;
}
