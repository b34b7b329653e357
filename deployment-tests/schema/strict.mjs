// The checks kubernetes-models' validate() leaves out, which the API server (or kubeconform --strict) applies:
// - unknown fields anywhere in an object: the API server drops them silently (or refuses them with
//   --validate=strict), so a typo such as `imagePullPolicyy` or a field at the wrong level would never take effect.
//   The field lists come from the Kubernetes OpenAPI spec as generated into @kubernetes/client-node's models
//   (attributeTypeMap of each type: JSON name and type of every field).
// - CronJob schedules: five fields in their ranges (or a @macro), as the API server parses them (robfig/cron).
// - CronJob time zones: a name of the IANA time zone database.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MODELS = path.join(path.dirname(require.resolve('@kubernetes/client-node/package.json')), 'dist/gen/models');
const types = new Map();

/** The field map (JSON name -> type) of an OpenAPI type, or undefined when the spec has no such type. */
async function fieldsOf(type) {
  if (!types.has(type)) {
    const file = path.join(MODELS, `${type}.js`);
    let fields;
    if (fs.existsSync(file)) {
      const module = await import(file);
      const model = module[type];
      fields = new Map((model?.attributeTypeMap ?? []).map((a) => [a.baseName, a.type]));
    }
    types.set(type, fields);
  }
  return types.get(type);
}

/** V1Deployment for apps/v1 Deployment, V2HorizontalPodAutoscaler for autoscaling/v2 ... */
function rootType(doc) {
  const version = String(doc.apiVersion ?? '').split('/').pop();
  return version.charAt(0).toUpperCase() + version.slice(1) + doc.kind;
}

const LEAVES = new Set(['string', 'number', 'boolean', 'Date', 'any', 'object', 'IntOrString']);

async function walk(value, type, at, problems) {
  if (value === null || value === undefined || LEAVES.has(type)) return;
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) await walk(value[i], m[1], `${at}/${i}`, problems);
    }
    return;
  }
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) await walk(v, m[1], `${at}/${k}`, problems);
    }
    return;
  }
  const fields = await fieldsOf(type);
  if (!fields) {
    problems.push(`${at || '/'}: no schema for type ${type}`);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return; // wrong types are validate()'s to report
  for (const [k, v] of Object.entries(value)) {
    if (!fields.has(k)) {
      problems.push(`${at}/${k}: unknown field "${k}"`);
    } else {
      await walk(v, fields.get(k), `${at}/${k}`, problems);
    }
  }
}

// robfig/cron's standard parser (what the API server validates a CronJob schedule with): minute hour
// day-of-month month day-of-week, each `*`, `?` (day fields), a value, a range a-b, and /step, comma lists;
// names for months and weekdays; or one of the descriptors.
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, any: true },
  { name: 'month', min: 1, max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], base: 1 },
  { name: 'day of week', min: 0, max: 6, any: true,
    names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], base: 0 },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

function cronValue(text, field) {
  if (/^[0-9]+$/.test(text)) return Number(text);
  const i = field.names ? field.names.indexOf(text.toLowerCase()) : -1;
  return i >= 0 ? i + field.base : NaN;
}

/** Why a schedule is not one the API server accepts, or null when it is. */
export function cronProblem(schedule) {
  if (typeof schedule !== 'string') return 'not a string';
  const text = schedule.trim();
  if (/^(CRON_)?TZ=/.test(text)) return 'a time zone in the schedule: use spec.timeZone';
  if (text.startsWith('@')) {
    if (DESCRIPTORS.has(text)) return null;
    const every = /^@every ((\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+)$/.exec(text);
    return every ? null : `unknown descriptor ${text}`;
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5) return `${parts.length} fields, expected 5 (minute hour day-of-month month day-of-week)`;
  for (let f = 0; f < 5; f++) {
    const field = FIELDS[f];
    for (const item of parts[f].split(',')) {
      const [range, step, extra] = item.split('/');
      if (extra !== undefined || (step !== undefined && !/^[1-9][0-9]*$/.test(step))) {
        return `${field.name}: bad step in "${item}"`;
      }
      if (range === '*' || (range === '?' && field.any)) continue;
      const [low, high, more] = range.split('-');
      const a = cronValue(low, field);
      const b = high === undefined ? a : cronValue(high, field);
      if (more !== undefined || Number.isNaN(a) || Number.isNaN(b)) return `${field.name}: cannot read "${item}"`;
      if (a < field.min || b > field.max || a > b) {
        return `${field.name}: "${item}" is outside ${field.min}-${field.max}`;
      }
    }
  }
  return null;
}

const ZONES = new Set(Intl.supportedValuesOf('timeZone'));
/** Why a CronJob time zone is not an IANA time zone name (as Go's time.LoadLocation reads them), or null. */
export function zoneProblem(zone) {
  if (typeof zone !== 'string' || zone === '' || zone === 'Local') return `"${zone}" is not an IANA time zone name`;
  if (ZONES.has(zone) || zone === 'UTC') return null;
  // links such as US/Eastern or Etc/UTC: known to the runtime, and a file of the same name in the system tzdata
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return `"${zone}" is not an IANA time zone name`;
  }
  return /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && fs.existsSync(path.join('/usr/share/zoneinfo', zone))
    ? null : `"${zone}" is not an IANA time zone name (names are case-sensitive)`;
}

/** Every problem the strict pass finds in one object: unknown fields, bad CronJob schedules and zones. */
export async function strictProblems(doc) {
  const problems = [];
  const type = rootType(doc);
  if (!(await fieldsOf(type))?.has('apiVersion')) {
    return [`no schema for ${doc.apiVersion} ${doc.kind} in the OpenAPI types`];
  }
  await walk(doc, type, '', problems);
  if (doc.kind === 'CronJob') {
    const spec = doc.spec ?? {};
    const cron = cronProblem(spec.schedule);
    if (cron) problems.push(`/spec/schedule "${spec.schedule}": ${cron}`);
    if (spec.timeZone !== undefined && spec.timeZone !== null) {
      const zone = zoneProblem(spec.timeZone);
      if (zone) problems.push(`/spec/timeZone: ${zone}`);
    }
  }
  return problems;
}
