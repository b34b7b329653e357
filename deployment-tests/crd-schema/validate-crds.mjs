// Usage: node validate-crds.mjs <file.yaml>...  Validates every monitoring.coreos.com/v1 object (ServiceMonitor,
// PodMonitor, PrometheusRule, ...) against the Prometheus Operator's CRD schema as published in npm
// @kubernetes-models/prometheus-operator (types, enums, patterns, required fields), and refuses fields the schema
// does not know: the API server would silently prune them, so a misspelt `intervall` would never take effect.
// Other objects are left to validate.mjs. Prints one line per object; exits 1 if any is invalid or none was checked.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';
import * as models from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';

const GROUP = 'monitoring.coreos.com/v1';
const require = createRequire(import.meta.url);
const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`));

// --- the field tree of a kind, read from the package's TypeScript declarations (generated from the same CRD
// schema as its validators, which check types but let unknown fields through) ---

function tokenize(text) {
  const tokens = [];
  const re = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|("(?:[^"\\]|\\.)*")|([A-Za-z_$][\w$]*)|(-?\d+(?:\.\d+)?)|([{}<>\[\]:;?|,()=.&])/y;
  let m;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    if (m[1]) tokens.push({ t: 'str', v: JSON.parse(m[1]) });
    else if (m[2]) tokens.push({ t: 'id', v: m[2] });
    else if (m[3]) tokens.push({ t: 'num', v: m[3] });
    else if (m[4]) tokens.push({ t: 'p', v: m[4] });
  }
  return tokens;
}

function parseType(tokens, at) {
  const terms = [];
  for (;;) {
    const [term, next] = parseTerm(tokens, at);
    terms.push(term);
    at = next;
    if (tokens[at]?.v === '|') { at++; continue; }
    return [terms.length === 1 ? term : { kind: 'union', terms }, at];
  }
}

function parseTerm(tokens, at) {
  const tok = tokens[at];
  if (tok.v === '{') return parseObject(tokens, at);
  if (tok.t === 'id' && tok.v === 'Array' && tokens[at + 1]?.v === '<') {
    const [item, next] = parseType(tokens, at + 2);
    if (tokens[next]?.v !== '>') throw new Error(`'>' expected at token ${next}`);
    return [{ kind: 'array', item }, next + 1];
  }
  // string, number, boolean, a literal or a named type (IObjectMeta): a leaf here
  return [{ kind: 'leaf', name: tok.v }, at + 1];
}

function parseObject(tokens, at) {
  const node = { kind: 'object', fields: new Map(), index: null };
  at++; // '{'
  while (tokens[at].v !== '}') {
    if (tokens[at].v === '[') { // [key: string]: T
      while (tokens[at].v !== ']') at++;
      at += 2; // ']' ':'
      const [value, next] = parseType(tokens, at);
      node.index = value;
      at = next;
    } else {
      const name = tokens[at].v;
      at++;
      if (tokens[at].v === '?') at++;
      if (tokens[at].v !== ':') throw new Error(`':' expected after ${name}`);
      const [value, next] = parseType(tokens, at + 1);
      node.fields.set(name, value);
      at = next;
    }
    if (tokens[at].v === ';' || tokens[at].v === ',') at++;
  }
  return [node, at + 1];
}

function interfaceTree(file, name) {
  const tokens = tokenize(fs.readFileSync(file, 'utf8'));
  for (let i = 0; i < tokens.length - 2; i++) {
    if (tokens[i].v === 'interface' && tokens[i + 1].v === name) {
      let at = i + 2;
      while (tokens[at].v !== '{') at++; // skip "extends ..."
      return parseObject(tokens, at)[0];
    }
  }
  throw new Error(`interface ${name} not found in ${file}`);
}

const META = interfaceTree(
  path.join(packageDir('@kubernetes-models/apimachinery'), 'apis/meta/v1/ObjectMeta.d.ts'), 'IObjectMeta');
const trees = new Map();
function treeOf(kind) {
  if (!trees.has(kind)) {
    const file = path.join(packageDir('@kubernetes-models/prometheus-operator'), `monitoring.coreos.com/v1/${kind}.d.ts`);
    const tree = interfaceTree(file, `I${kind}`);
    tree.fields.set('metadata', META);
    trees.set(kind, tree);
  }
  return trees.get(kind);
}

function unknownFields(value, node, where, problems) {
  if (value === null || value === undefined) return;
  if (node.kind === 'union') {
    const candidates = node.terms.filter((t) => t.kind === (Array.isArray(value) ? 'array' : 'object'));
    if (candidates.length === 0 || typeof value !== 'object' || node.terms.some((t) => t.kind === 'leaf' && t.name === 'any')) return;
    const results = candidates.map((c) => { const p = []; unknownFields(value, c, where, p); return p; });
    if (results.every((p) => p.length > 0)) problems.push(...results[0]);
  } else if (node.kind === 'array' && Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, node.item, `${where}[${i}]`, problems));
  } else if (node.kind === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      const field = node.fields.get(key) ?? node.index;
      if (!field) problems.push(`${where}.${key}: unknown field`);
      else unknownFields(child, field, `${where}.${key}`, problems);
    }
  }
}

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(fs.readFileSync(file, 'utf8'))) {
    if (!doc || doc.apiVersion !== GROUP) continue;
    const id = `${file}: ${doc.kind}/${doc.metadata?.name}`;
    const Model = models[doc.kind];
    if (!Model) {
      console.log(`FAIL ${id}: unknown kind ${doc.kind} in ${GROUP}`);
      failures++;
      continue;
    }
    try {
      new Model(doc).validate();
      const problems = [];
      unknownFields(doc, treeOf(doc.kind), doc.kind, problems);
      if (problems.length > 0) throw new Error(problems.join(', '));
      checked++;
      console.log(`ok   ${id}`);
    } catch (e) {
      failures++;
      console.log(`FAIL ${id}: ${e.message}`);
    }
  }
}
console.log(`${checked} valid, ${failures} invalid`);
process.exit(failures > 0 || checked === 0 ? 1 : 0);
