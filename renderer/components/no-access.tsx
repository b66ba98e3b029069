// The page a browser tab shows when it has no access token (opened by typing the address, from a
// bookmark, or after the service restarted): it says how to open the app instead of an endless
// spinner with live buttons. It must never show or guess the token.
import { Result, Typography } from 'antd';

export function NoAccess({ expired }: { expired?: boolean }) {
  return (
    <div
      style={{
        display: 'flex',
        justifyContent: 'center',
        alignItems: 'center',
        minHeight: '100vh',
        background: '#f5f5f5',
      }}
    >
      <Result
        status="403"
        title={expired ? '访问口令已失效' : '请从启动汇编时显示的地址打开'}
        subTitle={
          expired ? '汇编服务已重新启动，原来的地址不能再使用。' : '出于安全考虑，汇编的网页版只接受带访问口令的地址。'
        }
        data-testid="no-access"
        extra={
          <div style={{ textAlign: 'left', maxWidth: 520, margin: '0 auto' }}>
            <Typography.Paragraph>打开方法：</Typography.Paragraph>
            <ol style={{ paddingLeft: 20 }}>
              <li>
                在运行汇编的电脑上，找到启动汇编的命令行窗口（<Typography.Text code>npm run web</Typography.Text> 或{' '}
                <Typography.Text code>huibian serve</Typography.Text>）。
              </li>
              <li>
                复制窗口中显示的那一行完整地址（以 <Typography.Text code>#token=</Typography.Text> 结尾的一长串）。
              </li>
              <li>粘贴到浏览器地址栏中打开。每次启动汇编，地址都会变化。</li>
            </ol>
            <Typography.Paragraph type="secondary">
              使用桌面版汇编时，直接双击桌面上的“汇编”图标即可，无需地址。
            </Typography.Paragraph>
          </div>
        }
      />
    </div>
  );
}
