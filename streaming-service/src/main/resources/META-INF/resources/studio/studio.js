// Creator studio: sign in with user-service, then draw the channel, the videos, the statement and the platform's
// Top 5 from streaming-service's API. No framework; charts are inline SVG. Tokens live in sessionStorage.
'use strict';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const TOKENS = 'studio.tokens';
const REFRESH_BEFORE_EXP_MS = 60_000;
const SESSION_ENDED = 'Your session ended: sign in again';

const state = {
  userServiceUrl: '', me: null, today: null, refreshTimer: null, refreshing: null, generation: 0,
  rows: [], sort: { key: 'views', dir: -1 }, range: null, videoId: null,
};

// ---- tokens and requests

function tokens() {
  try { return JSON.parse(sessionStorage.getItem(TOKENS)); } catch { return null; }
}

function saveTokens(t) {
  sessionStorage.setItem(TOKENS, JSON.stringify({ accessToken: t.accessToken, refreshToken: t.refreshToken }));
  scheduleRefresh();
}

function clearTokens() {
  sessionStorage.removeItem(TOKENS);
  clearTimeout(state.refreshTimer);
}

/** Seconds since the epoch at which the access token expires (its JWT payload's exp), or null. */
function expiry(accessToken) {
  try {
    const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).exp ?? null;
  } catch { return null; }
}

function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  const t = tokens();
  const exp = t && expiry(t.accessToken);
  if (!exp) return;
  const wait = Math.max(0, exp * 1000 - Date.now() - REFRESH_BEFORE_EXP_MS);
  state.refreshTimer = setTimeout(() => refresh().then((ok) => { if (!ok) sessionEnded('refresh'); }), wait);
}

/** One refresh at a time; true when a new pair was saved. */
function refresh() {
  if (!state.refreshing) {
    state.refreshing = (async () => {
      const t = tokens();
      if (!t) return false;
      try {
        const r = await fetch(state.userServiceUrl + '/api/auth/refresh', {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refreshToken: t.refreshToken }),
        });
        if (!r.ok) return false;
        saveTokens(await r.json());
        return true;
      } catch { return false; }
    })().finally(() => { state.refreshing = null; });
  }
  return state.refreshing;
}

class SessionEnded extends Error {}

/** fetch itself failed: the platform could not be reached (not an answer the page could not read). */
class NetworkError extends Error {}

async function reach(url, options) {
  try {
    return await fetch(url, options);
  } catch (e) {
    throw new NetworkError(e.message);
  }
}

/** fetch with the bearer token; a 401 gets one refresh and one retry, then the sign-in comes back. */
async function authed(url, options = {}, retried = false) {
  const t = tokens();
  if (!t) { sessionEnded('request'); throw new SessionEnded(); }
  const headers = Object.assign({ Authorization: 'Bearer ' + t.accessToken }, options.headers || {});
  const r = await reach(url, Object.assign({}, options, { headers }));
  if (r.status !== 401) return r;
  if (!retried && await refresh()) return authed(url, options, true);
  sessionEnded('request');
  throw new SessionEnded();
}

async function problem(r) {
  try {
    const body = await r.json();
    return body.detail || body.title || ('HTTP ' + r.status);
  } catch { return 'HTTP ' + r.status; }
}

async function getJson(url) {
  const r = await authed(url, { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(await problem(r));
  return r.json();
}

// ---- sign in and out

function showSignIn(message) {
  state.generation++;
  $('studio').hidden = true;
  $('signout').hidden = true;
  $('whoami').textContent = '';
  $('signin-section').hidden = false;
  $('signin-message').textContent = message || '';
  delete $('signin-section').dataset.endedBy;
  $('password').value = '';
  $('email').focus();
}

/** The session is over (cause: a refused 'request' or a refused 'refresh' before exp): back to the sign-in. */
function sessionEnded(cause) {
  clearTokens();
  hideError();
  showSignIn(SESSION_ENDED);
  $('signin-section').dataset.endedBy = cause;
}

async function signIn(event) {
  event.preventDefault();
  const email = $('email').value.trim();
  const password = $('password').value;
  if (!email || !password) {
    $('signin-message').textContent = 'Enter your email and password.';
    return;
  }
  $('signin-submit').disabled = true;
  $('signin-message').textContent = 'Signing in…';
  try {
    const r = await fetch(state.userServiceUrl + '/api/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    if (!r.ok) {
      $('signin-message').textContent = r.status === 401
        ? 'Wrong email or password: check them and try again.'
        : 'Sign-in failed: ' + await problem(r);
      return;
    }
    saveTokens(await r.json());
    await enter();
  } catch (e) {
    if (!(e instanceof SessionEnded)) {
      $('signin-message').textContent = 'Could not reach the platform: check your connection and try again.';
    }
  } finally {
    $('signin-submit').disabled = false;
  }
}

/**
 * Logs the session out at user-service and forgets its tokens (from this tab either way). True when user-service
 * ended the session (204), or it had already ended (401); false when it could not be reached or refused.
 */
async function endSession() {
  const logout = (accessToken) => fetch(state.userServiceUrl + '/api/auth/logout', {
    method: 'POST', headers: { Authorization: 'Bearer ' + accessToken },
  });
  const t = tokens();
  if (!t) return true;
  try {
    let r = await logout(t.accessToken);
    if (r.status === 401) {
      // the access token may only have expired (a tab asleep): the session ends with its refresh token, or had ended
      // already when that is refused too
      if (!await refresh()) return true;
      r = await logout(tokens().accessToken);
    }
    return r.ok;
  } catch {
    return false;
  } finally {
    clearTokens();
  }
}

async function signOut() {
  const ended = await endSession();
  hideError();
  showSignIn(ended ? 'You signed out.'
    : 'You signed out of this page, but the platform could not be reached to end your session: it stays valid '
      + 'for other pages until it expires. Sign in and out again to end it now.');
}

async function enter() {
  const me = await getJson(state.userServiceUrl + '/api/users/me');
  if (me.role !== 'CREATOR') {
    await endSession();
    showSignIn('The studio is for creators: sign in with a creator account.');
    return;
  }
  state.me = me;
  $('whoami').textContent = me.nickname;
  $('signin-section').hidden = true;
  $('signout').hidden = false;
  $('studio').hidden = false;
  $('channel-title').focus(); // the sign-in form is gone: keyboard users continue at the studio
  await loadAll(); // reads today first (setToday), which also fills the pickers left empty
}

/**
 * The platform's today (the API's, not the browser's): kept for the ranges and as the latest date the pickers
 * offer, and shown with its figures so far. Read at every load, so a page left open past midnight moves on.
 */
function setToday(today) {
  state.today = today.date;
  if (!$('month').value) $('month').value = state.today.slice(0, 7);
  if (!$('statement-month').value) $('statement-month').value = state.today.slice(0, 7);
  if (!$('to').value) $('to').value = state.today;
  if (!$('from').value) $('from').value = addDays(state.today, -27);
  for (const id of ['from', 'to']) $(id).max = state.today;
  for (const id of ['month', 'statement-month']) $(id).max = state.today.slice(0, 7);
  showToday(today);
}

// ---- dates and formats

function addDays(iso, days) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function monthEnd(yearMonth) {
  const [y, m] = yearMonth.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Longest range the reports take, both ends included (ReportParams.range). */
const MAX_RANGE_DAYS = 366;

const days = (from, to) => (Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86_400_000 + 1;

/** Why the range cannot be shown, in words a creator acts on; null when it can. */
function rangeProblem(range) {
  if ($('range').value === 'month' && !$('month').value) return 'Choose a month.';
  if (!range.from || !range.to) return 'Choose both dates of the custom range.';
  if (range.from > state.today) return `The month or the start date is after today (${state.today}): nothing is settled yet.`;
  if (range.to > state.today) return `The end date is after today (${state.today}): choose today or an earlier day.`;
  if (range.from > range.to) return 'The start date is after the end date: swap them.';
  if (days(range.from, range.to) > MAX_RANGE_DAYS) {
    return `The range has ${days(range.from, range.to)} days; choose at most ${MAX_RANGE_DAYS}.`;
  }
  return null;
}

/** The chosen range; "today" is the platform's (the API's), not the browser's. */
function chosenRange() {
  const range = $('range').value;
  $('month-field').hidden = range !== 'month';
  $('from-field').hidden = range !== 'custom';
  $('to-field').hidden = range !== 'custom';
  if (range === 'month') {
    const month = $('month').value || state.today.slice(0, 7);
    const end = monthEnd(month);
    return { from: month + '-01', to: end < state.today ? end : state.today };
  }
  if (range === 'custom') return { from: $('from').value, to: $('to').value };
  return { from: addDays(state.today, 1 - Number(range)), to: state.today };
}

const number = (n) => Number(n).toLocaleString('en-US');
const won = (n) => '₩' + number(n);
function duration(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${number(h)} h ${String(m).padStart(2, '0')} min`;
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

const METRICS = {
  views: { label: 'Views', format: number },
  playSeconds: { label: 'Play time', format: duration },
  totalAmount: { label: 'Revenue', format: won },
};

function setFigure(el, value, text) {
  el.dataset.value = String(value);
  el.textContent = text;
}

// ---- loading

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

function hideError() {
  $('error').textContent = '';
  $('error').hidden = true;
}

async function loadAll() {
  const gen = ++state.generation;
  $('studio').dataset.loading = 'true';
  hideError();
  try {
    const today = await getJson('/api/stats/today');
    if (gen !== state.generation) return;
    setToday(today);
  } catch (e) {
    if (gen !== state.generation || e instanceof SessionEnded) return;
    clearRangeFigures();
    clearStatement();
    showError(failureMessage([e]));
    finishLoad();
    return;
  }
  const range = chosenRange();
  state.range = range;
  const problem = rangeProblem(range);
  // the statement (its own month) and the Top 5 load whatever the range
  const jobs = [loadStatement(gen), loadTop5(gen)];
  if (problem) {
    // nothing of another range stays on screen under this one's controls
    clearRangeFigures();
    $('range-label').textContent = 'No figures for this choice.';
  } else {
    $('range-label').textContent = `${range.from} to ${range.to} (settled days only; today so far is below)`;
    jobs.push(loadChannel(gen, range), loadVideos(gen, range));
  }
  const results = await Promise.allSettled(jobs);
  if (gen !== state.generation) return;
  const [statement, , channel, videos] = results;
  if (statement.status === 'rejected') clearStatement();
  if (channel && channel.status === 'rejected') clearChannel();
  if (videos && videos.status === 'rejected') clearVideos();
  const failed = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof SessionEnded));
  const messages = (problem ? [problem] : []).concat(failed.length ? [failureMessage(failed.map((r) => r.reason))] : []);
  if (messages.length) showError(messages.join(' '));
  updateEmptyState();
  finishLoad();
}

/** One message for the failed parts of a load: each distinct reason once. */
function failureMessage(errors) {
  if (errors.some((e) => e instanceof NetworkError)) {
    return 'Could not reach the platform: check your connection and reload the page.';
  }
  const reasons = [...new Set(errors.map((e) => e.message))];
  return 'Could not load everything: ' + reasons.join('; ') + '. Try again or reload the page.';
}

/** The channel's figures and chart: none until a load of the chosen range succeeds. */
function clearChannel() {
  state.series = null;
  state.previousSeries = [];
  for (const id of ['views', 'play-time', 'revenue']) {
    for (const prefix of ['total-', 'previous-', 'change-']) {
      const el = $(prefix + id);
      delete el.dataset.value;
      el.textContent = '—';
    }
  }
  $('previous-range').textContent = '';
  clear($('channel-chart'));
}

/** The videos table and the video's chart: none until a load of the chosen range succeeds. */
function clearVideos() {
  state.rows = [];
  state.videoSeries = null;
  renderTable();
  clear($('video-chart'));
  delete $('video-chart').dataset.videoId;
  $('video-chart-title').textContent = 'Pick a video';
}

/** The statement's total, status and download: none until its month's file is read. */
function clearStatement() {
  const link = $('statement-download');
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.setAttribute('href', '#');
  link.setAttribute('aria-disabled', 'true');
  link.tabIndex = -1;
  delete $('statement-total').dataset.value;
  $('statement-total').textContent = '—';
  $('statement-status').textContent = '';
}

function clearRangeFigures() {
  clearChannel();
  clearVideos();
}

/** Marks the end of a load on #studio (data-loading, data-loads): what the browser tests wait for. */
function finishLoad() {
  state.loads = (state.loads || 0) + 1;
  $('studio').dataset.loads = String(state.loads);
  $('studio').dataset.loading = 'false';
}

function query(params) {
  return new URLSearchParams(params).toString();
}

async function loadChannel(gen, range) {
  const group = $('group').value;
  const series = await getJson('/api/stats/channel?' + query({ from: range.from, to: range.to, groupBy: group }));
  if (gen !== state.generation) return;
  // the previous period of equal length, drawn beside the range (bucket by bucket, in order)
  const previous = await getJson('/api/stats/channel?' + query({
    from: series.previous.from, to: series.previous.to, groupBy: group }));
  if (gen !== state.generation) return;
  state.series = series;
  state.previousSeries = previous.series;
  const pairs = [['views', 'views', number], ['play-time', 'playSeconds', duration], ['revenue', 'totalAmount', won]];
  for (const [id, key, format] of pairs) {
    setFigure($('total-' + id), series.totals[key], format(series.totals[key]));
    setFigure($('previous-' + id), series.previous.totals[key], format(series.previous.totals[key]));
    const change = series.change[key];
    const sign = change.difference > 0 ? '+' : change.difference < 0 ? '−' : '±';
    const percent = change.percent === null ? 'no previous figures' : `${sign}${Math.abs(change.percent)}%`;
    setFigure($('change-' + id), change.difference, `${sign}${format(Math.abs(change.difference))} (${percent})`);
  }
  const length = days(series.previous.from, series.previous.to);
  $('previous-range').textContent = `Previous period: the ${length} day${length === 1 ? '' : 's'} before, `
    + `${series.previous.from} to ${series.previous.to}.`;
  drawChannel();
}

function drawChannel() {
  if (!state.series) return;
  const metric = $('metric').value;
  draw($('channel-chart'), state.series.series, metric, `Channel ${METRICS[metric].label.toLowerCase()}`,
    state.previousSeries);
}

function showToday(today) {
  const el = $('today');
  el.dataset.estimated = String(today.estimated);
  el.dataset.views = String(today.views);
  el.dataset.playSeconds = String(today.playSeconds);
  el.dataset.adViews = String(today.adViews);
  // settled although it is today: an open day settled on purpose (settle --allow-open-day); it is not over yet
  el.textContent = `Today ${today.date} ${today.estimated ? '(estimated, not settled yet)'
    : '(settled so far; the day is not over)'}: `
    + `${number(today.views)} views · ${duration(today.playSeconds)} play time · ${number(today.adViews)} ad views`;
}

async function allVideos() {
  const items = [];
  let after = null;
  do {
    const params = { creatorId: state.me.id, limit: 1000 };
    if (after !== null) params.afterId = after;
    const page = await getJson('/api/videos?' + query(params));
    items.push(...page.items);
    after = page.nextAfterId ?? null;
  } while (after !== null);
  return items;
}

async function loadVideos(gen, range) {
  const [videos, ranking] = await Promise.all([
    allVideos(),
    getJson('/api/stats/ranking?' + query({ from: range.from, to: range.to, by: 'VIEWS', limit: 50 })),
  ]);
  if (gen !== state.generation) return;
  const figures = new Map(ranking.items.map((i) => [i.videoId, i]));
  // the ranking lists at most 50 videos with views; when it is full, only those are shown (see the README)
  const shown = ranking.items.length < 50 ? videos : videos.filter((v) => figures.has(v.id));
  state.videoCount = videos.length;
  state.rows = shown.map((v) => {
    const f = figures.get(v.id) || { views: 0, playSeconds: 0, adViews: 0, totalAmount: 0 };
    return { id: v.id, title: v.title, views: f.views, playSeconds: f.playSeconds, adViews: f.adViews, revenue: f.totalAmount };
  });
  renderTable();
  if (state.videoId !== null && state.rows.some((r) => r.id === state.videoId)) {
    await loadVideoChart(gen, state.videoId);
  } else if (state.rows.length) {
    await loadVideoChart(gen, sortedRows()[0].id);
  } else {
    clear($('video-chart'));
    $('video-chart-title').textContent = 'Pick a video';
  }
}

function sortedRows() {
  const { key, dir } = state.sort;
  return [...state.rows].sort((a, b) => (a[key] - b[key]) * dir || a.id - b.id);
}

function renderTable() {
  const body = $('videos').tBodies[0];
  body.replaceChildren();
  for (const row of sortedRows()) {
    const tr = document.createElement('tr');
    tr.dataset.videoId = String(row.id);
    const title = document.createElement('td');
    title.dataset.col = 'title';
    title.dataset.value = row.title;
    const pick = document.createElement('button');
    pick.type = 'button';
    pick.className = 'link';
    pick.textContent = row.title;
    pick.setAttribute('aria-pressed', String(row.id === state.videoId));
    pick.addEventListener('click', () => loadVideoChart(state.generation, row.id).catch(reportError));
    title.append(pick);
    tr.append(title);
    for (const [key, format] of [['views', number], ['playSeconds', duration], ['adViews', number], ['revenue', won]]) {
      const td = document.createElement('td');
      td.dataset.col = key;
      td.dataset.value = String(row[key]);
      td.textContent = format(row[key]);
      tr.append(td);
    }
    body.append(tr);
  }
  for (const button of document.querySelectorAll('#videos th button[data-sort]')) {
    const active = button.dataset.sort === state.sort.key;
    const th = button.parentElement;
    if (active) th.setAttribute('aria-sort', state.sort.dir < 0 ? 'descending' : 'ascending');
    else th.removeAttribute('aria-sort');
  }
}

function sortBy(key) {
  state.sort = state.sort.key === key ? { key, dir: -state.sort.dir } : { key, dir: -1 };
  renderTable();
}

async function loadVideoChart(gen, videoId) {
  const range = state.range;
  const series = await getJson(`/api/stats/videos/${videoId}?` + query({ from: range.from, to: range.to, groupBy: $('group').value }));
  if (gen !== state.generation) return;
  state.videoId = videoId;
  state.videoSeries = series;
  for (const b of document.querySelectorAll('#videos td[data-col="title"] button')) {
    b.setAttribute('aria-pressed', String(b.closest('tr').dataset.videoId === String(videoId)));
  }
  drawVideo();
}

function drawVideo() {
  if (!state.videoSeries) return;
  const row = state.rows.find((r) => r.id === state.videoId);
  const metric = $('metric').value;
  const title = `${row ? row.title : 'Video ' + state.videoId}: ${METRICS[metric].label.toLowerCase()}`;
  $('video-chart-title').textContent = title;
  $('video-chart').dataset.videoId = String(state.videoId);
  draw($('video-chart'), state.videoSeries.series, metric, title);
}

async function loadStatement(gen) {
  const month = $('statement-month').value;
  const link = $('statement-download');
  clearStatement();
  const r = await authed('/api/settlements/statement?' + query({ month }), { headers: { Accept: 'text/csv' } });
  if (!r.ok) throw new Error('statement: ' + await problem(r));
  // the file as served (byte order mark included) for the download; decoded without the mark for the total
  const bytes = await r.arrayBuffer();
  const csv = new TextDecoder('utf-8').decode(bytes);
  if (gen !== state.generation) return;
  const disposition = r.headers.get('Content-Disposition') || '';
  const name = (/filename="([^"]+)"/.exec(disposition) || [])[1] || `statement-${month}.csv`;
  link.href = URL.createObjectURL(new Blob([bytes], { type: 'text/csv' }));
  link.download = name;
  link.removeAttribute('aria-disabled');
  link.removeAttribute('tabindex');
  // the TOTAL line is last; its title is empty, so its fields split on commas
  const lines = csv.trim().split('\r\n');
  const total = lines[lines.length - 1].split(',');
  const amount = Number(total[total.length - 1]);
  setFigure($('statement-total'), amount, won(amount));
  const status = r.headers.get('X-Statement-Status') || total[0];
  $('statement-status').textContent = status === 'final'
    ? '(final)'
    : '(provisional: the month is not over or not every day is settled yet)';
  state.statementEmpty = lines.length <= 2;
}

async function loadTop5(gen) {
  const top = await getJson('/api/stats/top?' + query({ period: 'MONTHLY', date: state.today, by: 'VIEWS', scope: 'ALL' }));
  if (gen !== state.generation) return;
  const list = $('top5');
  list.replaceChildren();
  for (const item of top.items) {
    const li = document.createElement('li');
    li.dataset.videoId = String(item.videoId);
    li.dataset.views = String(item.views);
    li.textContent = `${item.title} — ${number(item.views)} views`;
    list.append(li);
  }
  if (!top.items.length) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = 'No settled views on the platform this month yet.';
    list.append(li);
  }
}

function updateEmptyState() {
  const el = $('empty-state');
  let message = '';
  if (state.videoCount === 0) {
    message = 'You have no videos yet. Register your first video through the platform\'s API (POST /api/videos '
      + 'with a title and a duration); its views, play time and revenue show here once viewers watched it and the day is settled.';
  } else if (state.series && state.series.totals.views === 0 && state.series.totals.playSeconds === 0
      && state.series.totals.totalAmount === 0) {
    message = 'No settled days with activity in this range yet. Days are settled after midnight (platform time): '
      + 'pick a longer range, or see today’s estimate below.';
  }
  el.textContent = message;
  el.hidden = !message;
}

function reportError(e) {
  if (!(e instanceof SessionEnded)) showError(e.message + '. Try again or reload the page.');
}

// ---- charts

function clear(svg) {
  for (const child of [...svg.children]) if (child.tagName !== 'title') child.remove();
  const data = $(svg.id + '-data');
  if (data) data.tBodies[0].replaceChildren();
}

/**
 * The chart's figures as rows of its table (#<chart>-data): what the marks show on hover, for the keyboard and
 * for screen readers. One row per bucket: its days, the figure, and the previous period's when drawn beside it.
 */
function tabulate(svg, series, metric, previous) {
  const data = $(svg.id + '-data');
  if (!data) return;
  const format = METRICS[metric].format;
  const withPrevious = data.tHead.rows[0].cells.length > 3;
  data.tBodies[0].replaceChildren(...series.map((s, i) => {
    const tr = document.createElement('tr');
    tr.dataset.bucket = s.start;
    tr.dataset.value = String(s[metric]);
    const cells = [s.start, s.end, format(s[metric])];
    if (withPrevious) cells.push(i < previous.length ? format(previous[i][metric]) : '—');
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
}

function node(name, attributes, text) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * A line or bar chart of series[i][metric] with one mark per bucket carrying data-bucket and data-value; with
 * previous (the previous period's series), its buckets beside them as a dashed line with data-previous-bucket marks.
 */
function draw(svg, series, metric, title, previous = []) {
  clear(svg);
  const titleNode = svg.querySelector('title');
  if (titleNode) titleNode.textContent = title;
  const type = $('chart-type').value;
  svg.dataset.metric = metric;
  svg.dataset.type = type;
  // drawn at the size it is shown, so its labels keep their size on a narrow screen
  const W = Math.max(280, Math.round(svg.getBoundingClientRect().width) || 900);
  const H = W < 600 ? 200 : 260, left = 64, right = 12, top = 14, bottom = 30;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const shown = previous.slice(0, series.length);
  const values = series.concat(shown).map((s) => s[metric]);
  const max = Math.max(1, ...values);
  const step = (W - left - right) / Math.max(1, series.length);
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const x = (i) => left + step * (i + 0.5);
  const format = METRICS[metric].format;
  // whole units only, each once (a maximum of 1 has no middle line)
  for (const v of [...new Set([0, Math.round(max / 2), max])]) {
    svg.append(node('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(node('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, format(v)));
  }
  const labelEvery = Math.ceil(series.length / Math.max(2, Math.floor((W - left) / 140)));
  // month and day, with the year when the buckets span more than one
  const yearShown = series.length > 0 && series[0].start.slice(0, 4) !== series[series.length - 1].start.slice(0, 4);
  series.forEach((s, i) => {
    if (i % labelEvery === 0) {
      svg.append(node('text', { x: x(i), y: H - 10, 'text-anchor': 'middle', class: 'axis' },
        yearShown ? s.start : s.start.slice(5)));
    }
  });
  if (shown.length > 1) {
    svg.append(node('polyline', { points: shown.map((s, i) => `${x(i)},${y(s[metric])}`).join(' '), class: 'previous' }));
  }
  shown.forEach((s, i) => {
    const mark = node('circle', { cx: x(i), cy: y(s[metric]), r: 3, class: 'previous-point' });
    mark.dataset.previousBucket = s.start;
    mark.dataset.value = String(s[metric]);
    mark.append(node('title', {}, `previous period, ${s.start} to ${s.end}: ${format(s[metric])}`));
    svg.append(mark);
  });
  if (type === 'line' && series.length > 1) {
    svg.append(node('polyline', { points: series.map((s, i) => `${x(i)},${y(s[metric])}`).join(' '), class: 'line' }));
  }
  series.forEach((s, i) => {
    const mark = type === 'bar'
      ? node('rect', { x: x(i) - step * 0.35, width: step * 0.7, y: y(s[metric]), height: y(0) - y(s[metric]), class: 'bar' })
      : node('circle', { cx: x(i), cy: y(s[metric]), r: 4, class: 'point' });
    mark.dataset.bucket = s.start;
    mark.dataset.value = String(s[metric]);
    mark.append(node('title', {}, `${s.start} to ${s.end}: ${format(s[metric])}`));
    svg.append(mark);
  });
  tabulate(svg, series, metric, shown);
}

// ---- start

function reloadOnChange(id) {
  $(id).addEventListener('change', () => loadAll().catch(reportError));
}

async function start() {
  $('signin').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);
  for (const id of ['range', 'month', 'from', 'to', 'group', 'statement-month']) reloadOnChange(id);
  $('chart-type').addEventListener('change', () => { drawChannel(); drawVideo(); });
  $('metric').addEventListener('change', () => { drawChannel(); drawVideo(); });
  let resized = null;
  window.addEventListener('resize', () => {
    clearTimeout(resized);
    resized = setTimeout(() => { drawChannel(); drawVideo(); }, 150);
  });
  for (const button of document.querySelectorAll('#videos th button[data-sort]')) {
    button.addEventListener('click', () => sortBy(button.dataset.sort));
  }
  try {
    const r = await fetch('/studio/config.json');
    state.userServiceUrl = (await r.json()).userServiceUrl || '';
  } catch {
    showError('Could not read the studio settings: reload the page.');
    return;
  }
  if (!tokens()) {
    showSignIn('');
    return;
  }
  scheduleRefresh();
  $('signin-section').hidden = true;
  try {
    await enter();
  } catch (e) {
    if (!(e instanceof SessionEnded)) {
      showSignIn('');
      showError('Could not load the studio: ' + e.message + '. Sign in again or reload the page.');
    }
  }
}

start();
