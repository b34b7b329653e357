// Generates the Postman collection of the published document: node postman.mjs openapi.yaml postman_collection.json
// The converter stamps every request and response with a random id; they are dropped (Postman assigns its own on
// import) so the same document always gives the same file, which a test compares with the one in the repository.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Values the document gives no example for (a parameter's date, an enum header) are still made up by the converter's
// schema faker, from Math.random: a fixed seed makes them the same on every run.
let seed = 20261201;
Math.random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
// Its dates count back from today: a fixed today gives the same file on every day.
const FIXED_NOW = Date.UTC(2026, 10, 30);
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    super(...(args.length ? args : [FIXED_NOW]));
  }

  static now() {
    return FIXED_NOW;
  }
};
const Converter = createRequire(import.meta.url)('openapi-to-postmanv2');
const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error('usage: node postman.mjs OPENAPI_FILE COLLECTION_FILE');
  process.exit(2);
}
const options = {
  folderStrategy: 'Tags',
  requestNameSource: 'Fallback',
  parametersResolution: 'Example',
  requestParametersResolution: 'Example',
  exampleParametersResolution: 'Example',
  // examples come from the document only, never invented: the same document, the same collection
  schemaFaker: false,
  enableOptionalParameters: false,
  alwaysInheritAuthentication: true,
};

function withoutRandomIds(value) {
  if (Array.isArray(value)) {
    return value.map(withoutRandomIds);
  }
  if (value && typeof value === 'object') {
    const copy = {};
    for (const [key, item] of Object.entries(value)) {
      if (key !== 'id' && key !== '_postman_id') {
        copy[key] = withoutRandomIds(item);
      }
    }
    return copy;
  }
  return value;
}

// Operations whose parameters are alternatives (a month, or from and to) require none of them in the document, so the
// converter leaves them all disabled and the request as shipped answers 400: one working set is enabled instead.
const ENABLED_QUERY = {
  'GET api/settlements/statement': ['month'],
  'GET api/stats/ranking': ['period', 'date'],
};

function withWorkingQueries(items) {
  for (const item of items) {
    if (item.item) {
      withWorkingQueries(item.item);
      continue;
    }
    const { method, url } = item.request;
    const enabled = ENABLED_QUERY[`${method} ${(url.path || []).join('/')}`] || [];
    for (const parameter of url.query || []) {
      if (enabled.includes(parameter.key)) {
        delete parameter.disabled;
      }
    }
  }
  return items;
}

Converter.convert({ type: 'string', data: readFileSync(source, 'utf8') }, options, (error, result) => {
  if (error || !result.result) {
    console.error('conversion failed: ' + (error ? error.message : result.reason));
    process.exit(1);
  }
  const collection = withoutRandomIds(result.output[0].data);
  withWorkingQueries(collection.item);
  writeFileSync(target, JSON.stringify(collection, null, 2) + '\n');
});
