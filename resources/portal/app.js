// 网上报送: the member's page. Plain script (no framework, no inline code: the CSP allows only
// this file). Everything shown is set with textContent, so nothing a file or a member typed can
// run as code. The token is the last part of this page's own address and goes nowhere else.
'use strict';
(function () {
  var token = location.pathname.split('/')[2] || '';
  var base = '/s/' + encodeURIComponent(token);
  var state = null;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'onclick') e.addEventListener('click', attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  function message(text, kind) {
    var m = $('message');
    m.textContent = text;
    m.className = 'message' + (kind === 'info' ? ' info' : '');
    m.hidden = !text;
    if (text) m.scrollIntoView({ block: 'nearest' });
  }

  function fmtTime(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    var p = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '年' + (d.getMonth() + 1) + '月' + d.getDate() + '日 ' + p(d.getHours()) + ':' + p(d.getMinutes());
  }

  function fmtSize(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(n / 1024)) + ' KB';
  }

  function kindName(k) {
    var f = (state && state.kinds || []).filter(function (x) { return x.kind === k; })[0];
    var names = { speech: '大会发言', written: '书面发言', report: '调研报告', proposal: '提案', info: '社情民意信息', other: '其他' };
    return f ? f.name : (names[k] || k);
  }

  function api(method, path, body, onProgress) {
    return new Promise(function (resolve) {
      var x = new XMLHttpRequest();
      x.open(method, base + path);
      if (body && !(body instanceof FormData)) x.setRequestHeader('Content-Type', 'application/json');
      if (onProgress && x.upload) x.upload.onprogress = function (e) { if (e.lengthComputable) onProgress(e.loaded / e.total); };
      x.onload = function () {
        var r;
        try { r = JSON.parse(x.responseText); } catch (e) { r = { ok: false, error: { message: '服务器返回了无法识别的内容（' + x.status + '）' } }; }
        resolve(r);
      };
      x.onerror = function () { resolve({ ok: false, error: { message: '网络连接中断，请检查是否连在单位网络上后重试' } }); };
      x.send(body instanceof FormData ? body : body ? JSON.stringify(body) : null);
    });
  }

  function load() {
    return api('GET', '/state').then(function (r) {
      if (!r.ok) {
        $('session').textContent = '无法打开';
        $('upload').hidden = true;
        message(r.error.message);
        return;
      }
      state = r.value;
      $('session').textContent = state.sessionName;
      $('who').textContent = state.memberName + ' 委员';
      $('deadline').textContent = '截止时间：' + (state.deadline ? fmtTime(state.deadline) : '未设') + (state.open ? '' : '（已截止）');
      document.title = '网上报送 - ' + state.sessionName;
      $('upload').hidden = !state.open;
      if (!state.open) message('提交已截止。如需补交或更改，请联系会议秘书处。');
      var sel = $('kind');
      if (!sel.options.length) state.kinds.forEach(function (k) { sel.appendChild(el('option', { value: k.kind, text: k.name })); });
      renderItems();
    });
  }

  function renderItems() {
    var box = $('items');
    box.textContent = '';
    if (!state.items.length) { box.appendChild(el('p', { class: 'empty', text: '还没有收到您的材料' })); return; }
    state.items.forEach(function (it) {
      var row = el('div', { class: 'item', 'data-id': it.submissionId }, [
        el('div', { class: 't', text: it.title }),
        it.subtitle ? el('div', { class: 's', text: it.subtitle }) : null,
        it.authorLine ? el('div', { class: 'b', text: it.authorLine }) : null,
        el('div', { class: 'm' }, [
          el('span', { class: 'tag', text: kindName(it.kind) }),
          el('span', { class: 'tag ' + it.status, text: it.status === 'ok' ? '已收到' : '已收到，待秘书处核对' }),
          document.createTextNode((it.fileName ? it.fileName + ' · ' : '') + fmtTime(it.receivedAt)),
        ]),
      ]);
      if (it.editable) {
        var replace = el('input', { type: 'file', accept: '.docx,.doc,.wps,.pdf,.txt,.md,.rtf,.odt', hidden: 'hidden' });
        replace.addEventListener('change', function () { if (replace.files[0]) upload([replace.files[0]], it.submissionId); });
        row.appendChild(el('div', { class: 'edit' }, [
          el('button', { class: 'plain', type: 'button', text: '修改标题/署名', onclick: function () { editForm(row, it); } }),
          el('button', { class: 'plain', type: 'button', text: '更换文件', onclick: function () { replace.click(); } }),
          replace,
        ]));
      }
      box.appendChild(row);
    });
  }

  function editForm(row, it) {
    var old = row.querySelector('form');
    if (old) { old.remove(); return; }
    var f = el('form', { class: 'edit' });
    var field = function (label, name, value) {
      var i = el('input', { name: name, value: value || '' });
      f.appendChild(el('label', { class: 'field', text: label }, [i]));
      return i;
    };
    var title = field('标题', 'title', it.title);
    var subtitle = field('副标题（没有可留空）', 'subtitle', it.subtitle);
    var byline = field('署名（如“市政协委员 张三”）', 'authorLine', it.authorLine);
    var kind = el('select', { name: 'kind' });
    state.kinds.forEach(function (k) { var o = el('option', { value: k.kind, text: k.name }); if (k.kind === it.kind) o.selected = true; kind.appendChild(o); });
    f.appendChild(el('label', { class: 'field', text: '材料类别' }, [kind]));
    f.appendChild(el('button', { type: 'submit', text: '保存修改' }));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!title.value.trim()) { message('标题不能为空'); return; }
      api('POST', '/items/' + encodeURIComponent(it.submissionId), { title: title.value.trim(), subtitle: subtitle.value.trim(), authorLine: byline.value.trim(), kind: kind.value }).then(function (r) {
        if (!r.ok) { message(r.error.message); return; }
        message('已保存修改', 'info');
        load();
      });
    });
    row.appendChild(f);
    title.focus();
  }

  function showReceipt(rc, item) {
    $('receipts').hidden = false;
    var text = '网上报送回执\n会议：' + state.sessionName + '\n提交人：' + state.memberName + '\n回执编号：' + rc.number + '\n时间：' + fmtTime(rc.at) + '\n文件：' + rc.fileName + '\n大小：' + fmtSize(rc.size) + '\n校验码：' + rc.hash + '\n标题：' + item.title + '\n';
    var save = el('button', { class: 'plain', type: 'button', text: '保存回执', onclick: function () {
      var a = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' })), download: '回执-' + rc.number + '.txt' });
      document.body.appendChild(a); a.click(); a.remove();
    } });
    var dl = el('dl', {}, []);
    [['回执编号', rc.number], ['时间', fmtTime(rc.at)], ['文件', rc.fileName], ['大小', fmtSize(rc.size)], ['校验码', rc.hash], ['识别标题', item.title], ['署名', item.authorLine || '（未识别，请修改）']].forEach(function (p) {
      dl.appendChild(el('dt', { text: p[0] })); dl.appendChild(el('dd', { text: p[1] }));
    });
    $('receipt-list').prepend(el('div', { class: 'receipt', 'data-receipt': rc.number }, [dl, save]));
  }

  function upload(files, replaceId) {
    var i = 0;
    var bar = $('bar');
    var next = function () {
      if (i >= files.length) { $('progress').hidden = true; return load(); }
      var f = files[i];
      $('progress').hidden = false;
      $('progress-text').textContent = '正在上传 ' + (i + 1) + ' / ' + files.length + '：' + f.name;
      bar.style.width = '0';
      var fd = new FormData();
      fd.append('kind', replaceId ? '' : $('kind').value);
      if (replaceId) fd.append('replace', replaceId);
      fd.append('file', f, f.name);
      return api('POST', '/files', fd, function (p) { bar.style.width = Math.round(p * 100) + '%'; }).then(function (r) {
        if (r.ok) {
          showReceipt(r.value.receipt, r.value.item);
          message((replaceId ? '已更换：' : '已收到：') + f.name + '。请核对下方识别出的标题和署名，不对可点“修改标题/署名”。', 'info');
        } else {
          message(f.name + '：' + r.error.message);
        }
        i++;
        return next();
      });
    };
    return next();
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('file').addEventListener('change', function () {
      var files = Array.prototype.slice.call($('file').files);
      $('file').value = '';
      if (files.length) upload(files, null);
    });
    load();
  });
})();
