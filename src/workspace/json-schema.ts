/** JSON Schema of lehtinen.config.yaml, generated from the zod schema (one source of truth). */
import { z } from 'zod';
import { configSchema } from './config-schema.js';

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ ...schema, title: 'lehtinen.config.yaml' }, null, 2) + '\n';
}
