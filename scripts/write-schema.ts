// Writes schema/lehtinen.config.schema.json from the zod schema, so editors (YAML language server) offer
// completion and checks for lehtinen.config.yaml. A test keeps the committed file in step.
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../src/workspace/json-schema.js';

writeFileSync(new URL('../schema/lehtinen.config.schema.json', import.meta.url), configJsonSchema());
console.log('wrote schema/lehtinen.config.schema.json');
