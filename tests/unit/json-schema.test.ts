import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputJsonSchema } from '../../src/check/output-schema.js';
import { preflightJsonSchema } from '../../src/preflight/report.js';
import { configJsonSchema } from '../../src/workspace/json-schema.js';
import { REPO } from '../support/workspace.js';

describe('JSON Schema for editors', () => {
  it('is committed and matches the zod schema (run npm run schema after changing it)', () => {
    const committed = readFileSync(path.join(REPO, 'schema/lehtinen.config.schema.json'), 'utf8');
    expect(committed).toBe(configJsonSchema());
    const parsed = JSON.parse(committed) as { properties: Record<string, unknown> };
    expect(Object.keys(parsed.properties)).toEqual(expect.arrayContaining(['organisation', 'languages', 'materials', 'brand']));
  });

  it('of the check output is committed and matches the zod schema', () => {
    const committed = readFileSync(path.join(REPO, 'schema/check-output.schema.json'), 'utf8');
    expect(committed).toBe(checkOutputJsonSchema());
    const parsed = JSON.parse(committed) as { required: string[] };
    expect(parsed.required).toEqual(expect.arrayContaining(['summary', 'languages', 'materials', 'problems']));
  });

  it('of output/preflight.json is committed and matches the zod schema', () => {
    const committed = readFileSync(path.join(REPO, 'schema/preflight.schema.json'), 'utf8');
    expect(committed).toBe(preflightJsonSchema());
    const parsed = JSON.parse(committed) as { required: string[] };
    expect(parsed.required).toEqual(expect.arrayContaining(['status', 'limits', 'files']));
  });
});
