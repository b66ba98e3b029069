// Entry of the renderer: picks the transport, sets the zh-CN locale and theme, mounts the app.
// It must never talk to node or electron directly (see transport/).
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { pickTransport } from './transport';
import { AppStateProvider } from './state/app-state';
import { Shell } from './shell';
import './styles.css';

performance.mark('hb-main');
const transport = pickTransport();

createRoot(document.getElementById('root')!).render(
  <ConfigProvider
    locale={zhCN}
    theme={{
      token: {
        colorPrimary: '#b71c1c',
        borderRadius: 4,
        fontFamily: "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif",
      },
    }}
  >
    <AntApp>
      <AppStateProvider transport={transport}>
        <Shell />
      </AppStateProvider>
    </AntApp>
  </ConfigProvider>,
);
