// 会议日期 as clerks expect it: antd's DatePicker in zh-CN (2026年12月2日), holding the session's
// 'YYYY-MM-DD' string so forms and the contract stay unchanged. It never accepts a partial date.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

export function DateField({
  value,
  onChange,
  id,
  disabled,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  disabled?: boolean;
}) {
  const d = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value, 'YYYY-MM-DD') : null;
  return (
    <DatePicker
      id={id}
      value={d && d.isValid() ? d : null}
      format="YYYY年M月D日"
      placeholder="选择会议日期"
      allowClear={false}
      disabled={disabled}
      style={{ width: '100%' }}
      onChange={(v) => onChange?.(v ? v.format('YYYY-MM-DD') : '')}
      data-testid="date-field"
    />
  );
}
