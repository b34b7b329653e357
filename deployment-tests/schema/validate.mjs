// Usage: node validate.mjs <file.yaml>...  Validates every document against the Kubernetes API schema of its
// apiVersion and kind. Prints one line per object; exits 1 if any object is invalid or of an unknown kind.
import fs from 'node:fs';
import yaml from 'js-yaml';
import { strictProblems } from './strict.mjs';

const CUSTOM = new Set(['monitoring.coreos.com/v1']); // CRDs: no schema in kubernetes-models
let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(fs.readFileSync(file, 'utf8'))) {
    if (!doc) continue;
    const id = `${file}: ${doc.kind}/${doc.metadata?.name}`;
    if (CUSTOM.has(doc.apiVersion)) {
      console.log(`skip ${id} (custom resource ${doc.apiVersion})`);
      continue;
    }
    const group = doc.apiVersion.includes('/') ? doc.apiVersion : `v1`;
    let models;
    try {
      models = await import(`kubernetes-models/${group}`);
    } catch (e) {
      console.log(`FAIL ${id}: unknown apiVersion ${doc.apiVersion}`);
      failures++;
      continue;
    }
    const Model = models[doc.kind];
    if (!Model) {
      console.log(`FAIL ${id}: unknown kind ${doc.kind} in ${doc.apiVersion}`);
      failures++;
      continue;
    }
    try {
      new Model(doc).validate();
      // strict pass (strict.mjs): unknown fields, CronJob schedule and time zone
      const strict = await strictProblems(doc);
      if (strict.length > 0) throw new Error(strict.join(', '));
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
