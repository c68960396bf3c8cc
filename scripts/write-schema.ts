// Writes the JSON Schemas generated from the zod schemas: schema/lehtinen.config.schema.json, so editors
// (YAML language server) offer completion for lehtinen.config.yaml, and schema/check-output.schema.json,
// the documented shape of `lehtinen check --format json`, and schema/preflight.schema.json, the shape of
// output/preflight.json. A test keeps the committed files in step.
import { writeFileSync } from 'node:fs';
import { checkOutputJsonSchema } from '../src/check/output-schema.js';
import { preflightJsonSchema } from '../src/preflight/report.js';
import { configJsonSchema } from '../src/workspace/json-schema.js';

writeFileSync(new URL('../schema/lehtinen.config.schema.json', import.meta.url), configJsonSchema());
writeFileSync(new URL('../schema/check-output.schema.json', import.meta.url), checkOutputJsonSchema());
writeFileSync(new URL('../schema/preflight.schema.json', import.meta.url), preflightJsonSchema());
console.log('wrote schema/lehtinen.config.schema.json, schema/check-output.schema.json and schema/preflight.schema.json');
