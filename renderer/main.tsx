// Entry of the renderer: picks the transport, sets the zh-CN locale and theme, mounts the app.
// It must never talk to node or electron directly (see transport/).
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { pickTransport } from './transport';
import { AppStateProvider } from './state/app-state';
import { Shell } from './shell';
import { NoAccess } from './components/no-access';
import './styles.css';

performance.mark('hb-main');
const transport = pickTransport();
// The browser build without a token can do nothing: say how to open it instead of a dead app.
const noToken = transport.kind === 'http' && !sessionStorage.getItem('huibian.token');

createRoot(document.getElementById('root')!).render(
  <ConfigProvider
    locale={zhCN}
    theme={{
      token: {
        colorPrimary: '#b71c1c',
        // Links and focus rings stay neutral: brand red is for primary buttons only, so a focused
        // input never looks like an error (issue 14, point 8).
        colorLink: '#1f3a5f',
        colorLinkHover: '#2f5687',
        colorLinkActive: '#142a45',
        borderRadius: 4,
        fontFamily:
          "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif",
      },
      components: {
        // Form controls select and focus in a neutral blue-grey; red would read as an error.
        Radio: { colorPrimary: '#1f3a5f', colorPrimaryHover: '#2f5687', colorPrimaryActive: '#142a45' },
        Checkbox: { colorPrimary: '#1f3a5f', colorPrimaryHover: '#2f5687' },
        Segmented: { itemSelectedColor: '#1f3a5f' },
        Input: {
          activeBorderColor: '#4a6a8f',
          hoverBorderColor: '#7f95ae',
          activeShadow: '0 0 0 2px rgba(74, 106, 143, 0.18)',
        },
        InputNumber: {
          activeBorderColor: '#4a6a8f',
          hoverBorderColor: '#7f95ae',
          activeShadow: '0 0 0 2px rgba(74, 106, 143, 0.18)',
        },
        Select: {
          activeBorderColor: '#4a6a8f',
          hoverBorderColor: '#7f95ae',
          activeOutlineColor: 'rgba(74, 106, 143, 0.18)',
          optionSelectedBg: '#eef2f7',
        },
        DatePicker: {
          colorPrimary: '#1f3a5f',
          activeBorderColor: '#4a6a8f',
          hoverBorderColor: '#7f95ae',
          activeShadow: '0 0 0 2px rgba(74, 106, 143, 0.18)',
        },
        Button: {
          defaultHoverBorderColor: '#4a6a8f',
          defaultHoverColor: '#1f3a5f',
          defaultActiveBorderColor: '#1f3a5f',
          defaultActiveColor: '#142a45',
        },
      },
    }}
  >
    <AntApp>
      {noToken ? (
        <NoAccess />
      ) : (
        <AppStateProvider transport={transport}>
          <Shell />
        </AppStateProvider>
      )}
    </AntApp>
  </ConfigProvider>,
);
