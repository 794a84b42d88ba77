// Themis console: a dependency-free page over the console's REST API (/api/v1). Every text from the API goes into
// the page as text (textContent), never as HTML.
'use strict';

// Relative, so that the console works wherever a host mounts it (at a path ending in '/').
const API = 'api/v1';
const SVG = 'http://www.w3.org/2000/svg';
const RANGES = { '6h': 6 * 3600e3, '24h': 24 * 3600e3, '2d': 48 * 3600e3, '7d': 7 * 24 * 3600e3 };
const state = { status: null, range: '24h', metric: null };

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function token() { return sessionStorage.getItem('themis.token') || ''; }

async function api(path, method, body) {
  const headers = { 'Accept': 'application/json' };
  if (method && method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (token()) headers['Authorization'] = 'Bearer ' + token();
  }
  const res = await fetch(API + path, { method: method || 'GET', headers, body: body ? JSON.stringify(body) : undefined,
    credentials: 'omit' });
  const json = await res.json();
  return { status: res.status, ok: res.ok, json };
}

function fmtTime(iso) {
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').slice(0, 16) + 'Z';
}

function num(v, digits) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return Number(v).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 2 : digits });
}

function bounds(st) { return st.minCapacity + ' – ' + (st.maxCapacity >= 2147483647 ? '∞' : st.maxCapacity); }

function kindBadge(kind) { return h('span', { class: 'kind ' + kind }, kind); }

async function refreshStatus() {
  const r = await api('/status');
  state.status = r.json;
  const parts = ['clock ' + fmtTime(r.json.now)];
  if (r.json.dryRun) parts.push('DRY RUN');
  if (r.json.readOnly) parts.push('read-only');
  else if (!r.json.mutationsAllowed) parts.push('changes disabled (no credential configured)');
  document.getElementById('status').textContent = parts.join(' · ');
}

async function route() {
  await refreshStatus();
  const app = document.getElementById('app');
  const m = location.hash.match(/^#\/r\/([^/]+)\/([^/]+)$/);
  app.replaceChildren(m ? await resourcePage(decodeURIComponent(m[1]), decodeURIComponent(m[2])) : await listPage());
  document.body.setAttribute('data-ready', location.hash || '#/');
  document.body.setAttribute('data-renders', String(Number(document.body.getAttribute('data-renders') || 0) + 1));
}

async function listPage() {
  const r = await api('/resources');
  const rows = r.json.resources.map(x => h('tr', { 'data-resource': x.id },
    h('td', {}, h('a', { href: '#/r/' + encodeURIComponent(x.type) + '/' + encodeURIComponent(x.name) }, x.id)),
    h('td', { class: 'num' }, num(x.capacity, 0)),
    h('td', { class: 'num' }, num(x.desired, 0)),
    h('td', {}, x.inFlight ? 'yes' : 'no'),
    h('td', {}, x.lastOutcome ? kindBadge(x.lastOutcome) : '–', ' ', x.lastAt ? h('span', { class: 'muted small' }, fmtTime(x.lastAt)) : ''),
    h('td', { class: 'num' }, bounds(x.settings)),
    h('td', {}, [x.settings.pauseScaleUp ? 'up paused' : '', x.settings.pauseScaleDown ? 'down paused' : '',
      x.settings.dryRun ? 'dry run' : ''].filter(Boolean).join(', ') || 'active')));
  return h('div', {}, h('h1', {}, 'Resources'),
    h('div', { class: 'card' }, h('table', { id: 'resources' },
      h('thead', {}, h('tr', {}, ['resource', 'capacity', 'desired', 'in flight', 'last outcome', 'bounds', 'mode'].map(t => h('th', {}, t)))),
      h('tbody', {}, rows))));
}

async function resourcePage(type, name) {
  const base = '/resources/' + encodeURIComponent(type) + '/' + encodeURIComponent(name);
  const to = state.status.now;
  const from = new Date(Date.parse(to) - RANGES[state.range]).toISOString();
  const [res, timeline, decisions, cost, config, changes] = await Promise.all([
    api(base), api(base + '/timeline?from=' + from + '&to=' + to), api(base + '/decisions?limit=60'),
    api(base + '/cost?period=' + state.range), api(base + '/config'), api('/config/changes')]);
  if (!res.ok) return h('div', { class: 'message bad' }, res.json.error);
  const r = res.json;
  const c = cost.json;
  const tiles = h('div', { class: 'grid', id: 'tiles' },
    tile('capacity', num(r.capacity, 0)), tile('desired', num(r.desired, 0)), tile('in flight', r.inFlight ? 'yes' : 'no'),
    tile('bounds', bounds(r.settings)),
    tile('unit-hours (' + state.range + ')', num(c.unitHours, 1)),
    tile('cost', num(c.cost, 2)), tile('baseline (' + c.baselineCapacity + ')', num(c.baselineCost, 2)),
    tile('saved', num(c.saved, 2) + ' (' + num(c.savedPercent, 0) + '%)', c.saved >= 0 ? 'good' : 'bad'));
  tiles.lastChild.id = 'savings';
  const rangeSel = h('select', { id: 'range', onchange: e => { state.range = e.target.value; route(); } },
    Object.keys(RANGES).map(k => h('option', { value: k, selected: k === state.range }, 'last ' + k)));
  const tl = timeline.json;
  if (!state.metric || !tl.metricNames.includes(state.metric)) {
    const preferred = ['stream.IncomingBytes.average', 'tasknodes.average.cpu', 'allnodes.average.cpu'];
    state.metric = preferred.find(m => tl.metricNames.includes(m)) || tl.metricNames[0] || null;
  }
  const metricSel = h('select', { id: 'metric', onchange: e => { state.metric = e.target.value; drawCharts(); } },
    tl.metricNames.map(k => h('option', { value: k, selected: k === state.metric }, k)));
  const chartBox = h('div', { id: 'charts' });
  function drawCharts() {
    chartBox.replaceChildren(capacityChart(tl), h('h2', {}, 'Load: ', state.metric || 'no metrics'), metricChart(tl, state.metric));
  }
  drawCharts();
  return h('div', {},
    h('div', { class: 'row' }, h('h1', {}, r.id), h('a', { href: '#/' }, '← all resources'), rangeSel),
    tiles,
    h('div', { class: 'card' }, h('div', { class: 'row' }, h('h2', {}, 'Capacity over time'), h('span', { class: 'muted small' },
      'hover an action for its reasons'), metricSel), chartBox),
    controls(base, r),
    h('div', { class: 'two' },
      h('div', { class: 'card' }, h('h2', {}, 'Decision log'), decisionLog(decisions.json.decisions, config.json)),
      h('div', {}, configEditor(base, config.json), changeLog(changes.json.changes, r.id))));
}

function tile(label, value, cls) {
  return h('div', { class: 'tile' }, h('div', { class: 'label' }, label), h('div', { class: 'value ' + (cls || '') }, value));
}

function frame(points, accessor, extra) {
  const W = 1000, H = 260, L = 44, R = 10, T = 10, B = 24;
  const xs = points.map(p => p.at);
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1);
  let y1 = Math.max(1, ...extra);
  for (const p of points) for (const a of accessor) { const v = a(p); if (v !== undefined && v !== null) y1 = Math.max(y1, v); }
  y1 = y1 * 1.08;
  const X = t => L + (t - x0) / (x1 - x0) * (W - L - R);
  const Y = v => T + (1 - v / y1) * (H - T - B);
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img' });
  for (let i = 0; i <= 4; i++) {
    const v = y1 * i / 4, y = Y(v);
    svg.append(s('line', { class: 'grid', x1: L, x2: W - R, y1: y, y2: y }), s('text', { x: 4, y: y + 4 }, num(v, v < 10 ? 2 : 0)));
  }
  for (let i = 0; i <= 6; i++) {
    const t = x0 + (x1 - x0) * i / 6;
    svg.append(s('text', { x: Math.min(X(t), W - 80), y: H - 6 }, new Date(t).toISOString().slice(5, 16).replace('T', ' ')));
  }
  svg.append(s('line', { class: 'axis', x1: L, x2: L, y1: T, y2: H - B }), s('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
  return { svg, X, Y, W, L, R };
}

function path(points, X, Y, get, step) {
  let d = '', prev = null;
  for (const p of points) {
    const v = get(p);
    if (v === undefined || v === null || v < 0) continue;
    const x = X(p.at).toFixed(1), y = Y(v).toFixed(1);
    if (!d) d = `M${x},${y}`;
    else d += step ? `H${x}V${y}` : `L${x},${y}`;
    prev = v;
  }
  return prev === null ? '' : d;
}

function capacityChart(tl) {
  const pts = tl.points;
  if (pts.length === 0) return h('p', { class: 'muted', id: 'chart-empty' }, 'No observations in this range yet.');
  const f = frame(pts, [p => p.capacity, p => p.target, p => p.capacityAfter, p => p.floor, p => p.cap], [tl.bounds.maxCapacity > 1000 ? 0 : tl.bounds.maxCapacity]);
  const svg = f.svg;
  svg.id = 'capacity-chart';
  if (tl.bounds.maxCapacity <= 1000) {
    svg.append(s('line', { class: 'bound', x1: f.L, x2: f.W - f.R, y1: f.Y(tl.bounds.maxCapacity), y2: f.Y(tl.bounds.maxCapacity) }, s('title', {}, 'max_capacity ' + tl.bounds.maxCapacity)));
  }
  svg.append(s('line', { class: 'bound', x1: f.L, x2: f.W - f.R, y1: f.Y(tl.bounds.minCapacity), y2: f.Y(tl.bounds.minCapacity) }, s('title', {}, 'min_capacity ' + tl.bounds.minCapacity)));
  const floor = path(pts, f.X, f.Y, p => p.floor, true), cap = path(pts, f.X, f.Y, p => p.cap, true);
  if (floor) svg.append(s('path', { class: 'floor', id: 'schedule-floor', d: floor }, s('title', {}, 'schedule floor (time_based_scaling, schedule min)')));
  if (cap) svg.append(s('path', { class: 'cap', id: 'schedule-cap', d: cap }, s('title', {}, 'schedule cap (schedule max)')));
  svg.append(s('path', { class: 'target', d: path(pts, f.X, f.Y, p => p.target, false) }));
  svg.append(s('path', { class: 'serving', d: path(pts, f.X, f.Y, p => p.metrics && (p.metrics['tasknodes.count.nodes'] ?? p.metrics['shards.count']), true) }));
  svg.append(s('path', { class: 'capacity', d: path(pts, f.X, f.Y, p => p.capacityAfter >= 0 ? p.capacityAfter : p.capacity, true) }));
  for (const p of pts) {
    if (p.kind !== 'Applied' && p.kind !== 'Failed') continue;
    const v = p.kind === 'Applied' ? p.capacityAfter : (p.capacity ?? 0);
    const cls = p.kind === 'Failed' ? 'act-fail' : (p.capacityAfter >= (p.capacity ?? 0) ? 'act-up' : 'act-down');
    svg.append(s('circle', { class: 'action ' + cls, cx: f.X(p.at), cy: f.Y(v), r: 4 },
      s('title', {}, fmtTime(new Date(p.at).toISOString()) + ' ' + p.kind + ' ' + (p.capacity ?? '?') + ' → ' + v + '\n' + (p.why || p.reason || ''))));
  }
  return h('div', {}, svg, h('div', { class: 'legend' }, h('span', {}, h('i'), 'capacity requested'), h('span', {}, h('i', { class: 'serving' }), 'serving'),
    h('span', {}, h('i', { class: 'target' }), 'policy target'), h('span', {}, h('i', { class: 'bound' }), 'min / max capacity'),
    h('span', {}, h('i', { class: 'floor' }), 'schedule floor / cap'),
    h('span', {}, '● action (green up, orange down, red failed)')));
}

function metricChart(tl, name) {
  const pts = tl.points.filter(p => p.metrics && p.metrics[name] !== undefined);
  if (!name || pts.length === 0) return h('p', { class: 'muted' }, 'No load metrics in this range.');
  const f = frame(pts, [p => p.metrics[name]], [0]);
  f.svg.id = 'metric-chart';
  f.svg.append(s('path', { class: 'metric', d: path(pts, f.X, f.Y, p => p.metrics[name], false) }));
  return h('div', {}, f.svg, h('div', { class: 'legend' }, h('span', {}, h('i', { class: 'metric' }), name)));
}

function controls(base, r) {
  const msg = h('div', { id: 'control-message' });
  const put = async (what, body) => {
    const res = await api(base + '/' + what, 'PUT', body);
    if (res.ok) await route();
    else msg.replaceChildren(h('div', { class: 'message bad' }, res.json.error));
  };
  const st = r.settings;
  return h('div', { class: 'card row' }, h('h2', {}, 'Controls'),
    h('button', { id: 'pause-up', class: st.pauseScaleUp ? 'on' : '', onclick: () => put('pause', { up: !st.pauseScaleUp }) },
      st.pauseScaleUp ? 'Resume scale-up' : 'Pause scale-up'),
    h('button', { id: 'pause-down', class: st.pauseScaleDown ? 'on' : '', onclick: () => put('pause', { down: !st.pauseScaleDown }) },
      st.pauseScaleDown ? 'Resume scale-down' : 'Pause scale-down'),
    h('button', { id: 'dry-run', class: st.dryRun ? 'on' : '', onclick: () => put('dry-run', { enabled: !st.dryRun }) },
      st.dryRun ? 'Leave dry run' : 'Dry run'), msg);
}

// The expressions behind a reason such as 'stream_downscale_expr = 0, stream_upscale_expr = 1', as configured (or
// their defaults).
function expressionsOf(reason, cfg) {
  const out = [];
  for (const m of (reason || '').matchAll(/([a-z_]+_expr) = /g)) {
    const key = cfg.keys && cfg.keys.find(k => k.name === m[1]);
    if (key && (key.value ?? key.default)) out.push(key.name + ': ' + (key.value ?? key.default));
  }
  return out;
}

// The values the policy read: those its expressions name first, then the rest.
function inputs(d, exprs) {
  const names = Object.keys(d.metrics || {});
  if (names.length === 0) return null;
  const text = exprs.join(' ');
  const named = names.filter(k => text.includes(k));
  const list = named.length ? named : names.slice(0, 8);
  return h('div', { class: 'small muted inputs' }, 'read: ' + list.map(k => k + ' = ' + num(d.metrics[k], 3)).join(', ')
    + (names.length > list.length ? ' (of ' + names.length + ' values)' : ''),
    d.missingMetrics && d.missingMetrics.length ? '; missing: ' + d.missingMetrics.join(', ') : '');
}

function decisionLog(items, cfg) {
  if (items.length === 0) return h('p', { class: 'muted' }, 'No decisions yet.');
  return h('div', { class: 'scroll' }, h('table', { id: 'decisions' },
    h('thead', {}, h('tr', {}, ['when', 'outcome', 'capacity', 'why'].map(t => h('th', {}, t)))),
    h('tbody', {}, items.map(d => h('tr', { class: 'decision', 'data-kind': d.kind },
      h('td', { class: 'small' }, fmtTime(d.at)), h('td', {}, kindBadge(d.kind)),
      h('td', { class: 'num' }, (d.capacity ?? '–') + (d.target !== undefined && d.target !== d.capacity ? ' → ' + d.target : '')),
      h('td', {}, d.reason ? h('div', { class: 'reason' }, d.reason) : null,
        expressionsOf(d.reason, cfg).map(e => h('div', { class: 'small muted expr' }, e)),
        inputs(d, expressionsOf(d.reason, cfg)), d.error ? h('div', { class: 'reason' }, d.stage + ': ' + d.error) : null,
        d.reasons.length ? h('ul', { class: 'reasons' }, d.reasons.map(x => h('li', { class: 'reason' }, x))) : null,
        d.actions && d.actions.length ? h('div', { class: 'small muted' }, 'did: ' + d.actions.join('; ')) : null))))));
}

function configEditor(base, cfg) {
  const msg = h('div', { id: 'config-message' });
  if (!cfg.managedByConfiguration) {
    return h('div', { class: 'card' }, h('h2', {}, 'Configuration'), h('p', { class: 'muted' }, 'This resource is not managed by the configuration document.'));
  }
  const inputs = {};
  const errors = {};
  const rows = cfg.keys.map(k => {
    const input = h('input', { class: 'value', name: k.name, id: 'key-' + k.name, value: k.value ?? '', placeholder: k.default ?? '', 'aria-label': k.name });
    inputs[k.name] = input;
    errors[k.name] = h('span', { class: 'error', id: 'error-' + k.name });
    return h('tr', { 'data-key': k.name }, h('td', {}, h('div', { class: 'keyname', title: k.description }, k.name), h('div', { class: 'small muted' }, k.type)),
      h('td', {}, input, errors[k.name]));
  });
  const save = async () => {
    const set = {};
    for (const k of cfg.keys) {
      const v = inputs[k.name].value;
      const before = k.value ?? '';
      if (v !== before) set[k.name] = v === '' ? null : v;
    }
    for (const k of Object.keys(errors)) { errors[k].textContent = ''; inputs[k].classList.remove('invalid'); }
    if (Object.keys(set).length === 0) { msg.replaceChildren(h('div', { class: 'message ok' }, 'Nothing changed.')); return; }
    const res = await api(base + '/config', 'PUT', { set });
    if (res.ok) {
      await route();
      const m = document.getElementById('config-message');
      if (m) m.replaceChildren(h('div', { class: 'message ok' }, 'Applied: ' + res.json.change.entries.map(e => e.path + ' = ' + (e.after ?? '(default)')).join(', ')));
      return;
    }
    if (res.status === 422) {
      const other = [];
      for (const p of res.json.problems) {
        if (p.key && errors[p.key]) { errors[p.key].textContent = p.expected + (p.value !== null ? ' (was ' + p.value + ')' : ''); inputs[p.key].classList.add('invalid'); }
        else other.push(p.message);
      }
      msg.replaceChildren(h('div', { class: 'message bad' }, res.json.problems.length + ' problem(s); nothing was changed.' + (other.length ? ' ' + other.join('; ') : '')));
    } else {
      msg.replaceChildren(h('div', { class: 'message bad' }, res.json.error));
    }
  };
  return h('div', { class: 'card' }, h('div', { class: 'row' }, h('h2', {}, 'Configuration'), h('button', { id: 'save-config', class: 'primary', onclick: save }, 'Validate and apply')),
    msg, h('div', { class: 'scroll' }, h('table', { id: 'config' }, h('tbody', {}, rows))));
}

function changeLog(changes, id) {
  const mine = changes.filter(c => c.entries.some(e => e.path.startsWith(id.replace(':', '.')) || e.path.startsWith('settings.')));
  return h('div', { class: 'card' }, h('h2', {}, 'Configuration changes'),
    mine.length === 0 ? h('p', { class: 'muted' }, 'None since start.') :
      h('table', { id: 'changes' }, h('tbody', {}, mine.map(c => h('tr', {}, h('td', { class: 'small' }, '#' + c.sequence + ' ' + fmtTime(c.at), h('div', { class: 'muted' }, c.actor)),
        h('td', {}, c.entries.map(e => h('div', { class: 'reason' }, e.path + ': ' + (e.before ?? '∅') + ' → ' + (e.after ?? '∅')))))))));
}

document.addEventListener('DOMContentLoaded', () => {
  const t = document.getElementById('token');
  t.value = token();
  t.addEventListener('input', () => sessionStorage.setItem('themis.token', t.value));
  window.addEventListener('hashchange', route);
  route().catch(e => { console.error(e); document.getElementById('app').replaceChildren(h('div', { class: 'message bad' }, 'Cannot reach the console: ' + e.message)); });
});
