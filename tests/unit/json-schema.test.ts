import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/workspace/json-schema.js';
import { REPO } from '../support/workspace.js';

describe('JSON Schema for editors', () => {
  it('is committed and matches the zod schema (run npm run schema after changing it)', () => {
    const committed = readFileSync(path.join(REPO, 'schema/lehtinen.config.schema.json'), 'utf8');
    expect(committed).toBe(configJsonSchema());
    const parsed = JSON.parse(committed) as { properties: Record<string, unknown> };
    expect(Object.keys(parsed.properties)).toEqual(expect.arrayContaining(['organisation', 'languages', 'materials', 'brand']));
  });
});
