// The texts a clerk sends members for 网上报送: the notice for WeChat/SMS (复制通知) and the
// deadline as clerks write it. Pure.

/** 2026年12月9日 18:00 (local time of the given offset-less display). */
export function deadlineText(iso: string | undefined): string {
  if (!iso) return '（未设截止时间）';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function noticeText(o: {
  memberName: string;
  org?: boolean;
  sessionName: string;
  url: string;
  deadline?: string;
  organiser?: string;
}): string {
  return [
    o.org ? `${o.memberName}：` : `${o.memberName}委员：您好！`,
    `${o.sessionName}的发言材料请通过以下个人专用链接提交（可上传 Word、WPS、PDF 或文本文件，截止前可更换）：`,
    o.url,
    `截止时间：${deadlineText(o.deadline)}。${o.org ? '此链接仅供本单位使用' : '此链接仅供您本人使用'}，请勿转发。`,
    o.organiser ? o.organiser : '',
  ]
    .filter(Boolean)
    .join('\n');
}
