import { describe, expect, it } from 'vitest';
import { missingStep } from './openapi-field-paths.ts';
import { validateSchema, type JsonSchema } from './openapi-schema.ts';

/** How the suite has Ajv read OpenAPI 3.0 schemas, one keyword at a time, on small documents. */

const document = {
  components: {
    schemas: {
      Compact: { type: 'object', properties: { gid: { type: 'string' }, name: { type: 'string' } } },
      Response: { allOf: [{ $ref: '#/components/schemas/Compact' }, { type: 'object', properties: { email: { type: 'string', nullable: true } } }] },
      Closed: { type: 'object', additionalProperties: false, properties: { id: { type: 'integer', format: 'int32' }, self: { type: 'string', readOnly: true } }, required: ['id', 'self'] },
      ClosedPlus: { allOf: [{ $ref: '#/components/schemas/Closed' }], properties: { extra: { type: 'boolean' } } },
      Map: { type: 'object', additionalProperties: { type: 'number' } },
    },
  },
};
const response = { direction: 'response' } as const;
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const errors = (schema: JsonSchema, value: unknown, options: Parameters<typeof validateSchema>[3] = response) => validateSchema(document, schema, value, options).errors.map((issue) => `${issue.at} ${issue.message}`);

describe('validateSchema', () => {
  it('checks types, integers and int32', () => {
    expect(errors({ type: 'integer' }, 1.5)).toEqual(['$ 1.5 is not of type integer']);
    expect(errors({ type: 'integer', format: 'int32' }, 2 ** 40)).toEqual(['$ 1099511627776 does not fit int32']);
    expect(errors({ type: 'array', items: { type: 'string' } }, ['a', 2])).toEqual(['$[1] 2 is not of type string']);
    expect(errors({ type: 'object' }, [])).toEqual(['$ [] is not of type object']);
  });

  it('takes null only where nullable says so, through allOf wrappers too', () => {
    expect(errors({ type: 'string' }, null)).toEqual(['$ null where of type string is declared (not nullable)']);
    expect(errors({ type: 'string', nullable: true }, null)).toEqual([]);
    expect(errors({ allOf: [ref('Compact')], nullable: true }, null)).toEqual([]);
    expect(errors({}, null)).toEqual([]);
  });

  it('takes null from a nullable allOf member and beside an enum that does not list it (Asana writes both)', () => {
    expect(errors({ allOf: [ref('Compact'), { nullable: true }] }, null)).toEqual([]);
    expect(errors({ allOf: [ref('Compact')] }, null)).toEqual(['$ null where of type object (Compact) is declared (not nullable)']);
    expect(errors({ type: 'string', nullable: true, enum: ['list', 'board'] }, null)).toEqual([]);
    expect(errors({ type: 'string', nullable: true, enum: ['list', 'board'] }, 'graph')).toEqual(['$ "graph" is not one of ["list","board",null]']);
  });

  it('reads date and date-time, with and without the colon in the offset (Jira writes +0000)', () => {
    expect(errors({ type: 'string', format: 'date-time' }, '2026-03-02T09:15:00.000+0000')).toEqual([]);
    expect(errors({ type: 'string', format: 'date-time' }, '2026-03-02T09:15:00Z')).toEqual([]);
    expect(errors({ type: 'string', format: 'date-time' }, '2026-03-02')).toHaveLength(1);
    expect(errors({ type: 'string', format: 'date' }, '2026-03-02T00:00:00Z')).toHaveLength(1);
    expect(errors({ type: 'string', format: 'date-time' }, '2026-02-30T09:15:00.000+0000')).toEqual(['$ "2026-02-30T09:15:00.000+0000" is not a date-time']);
    expect(errors({ type: 'string', format: 'date-time' }, '2026-03-02 09:15:00Z')).toHaveLength(1);
  });

  it('checks the other string formats the documents use (uri, uuid, email)', () => {
    expect(errors({ type: 'string', format: 'uri' }, '')).toEqual(['$ "" is not a uri']);
    expect(errors({ type: 'string', format: 'uri' }, 'https://app.asana.com/api/1.0/tasks?offset=x')).toEqual([]);
    expect(errors({ type: 'string', format: 'uuid' }, 'abc')).toHaveLength(1);
    expect(errors({ type: 'string', format: 'email' }, 'a@example.com')).toEqual([]);
  });

  it('stops at a keyword or format it does not know rather than pass what it cannot check', () => {
    expect(() => errors({ type: 'string', patternProperty: 'x' }, 'a')).toThrow(/unknown keyword: "patternProperty"/);
    expect(() => errors({ type: 'string', format: 'isbn' }, 'a')).toThrow(/unknown format "isbn"/);
    expect(errors({ type: 'string', example: 'x', xml: { name: 'n' } }, 'a')).toEqual([]);
  });

  it('checks enums, bounds and unique items', () => {
    expect(errors({ type: 'string', enum: ['a'] }, 'b')).toEqual(['$ "b" is not one of ["a"]']);
    expect(errors({ type: 'integer', minimum: 1, maximum: 3 }, 4)).toEqual(['$ 4 is above the maximum 3']);
    expect(errors({ type: 'array', uniqueItems: true }, [1, 1])).toEqual(['$ items are not unique']);
  });

  it('rejects names a closed schema does not declare, checks them against a schema, and reports them when the schema is silent', () => {
    expect(errors(ref('Closed'), { id: 1, self: 's', other: 1 })).toEqual(['$.other "other" is not a property of Closed (additionalProperties: false)']);
    expect(errors(ref('Map'), { a: 1, b: 'x' })).toEqual(['$.b "x" is not of type number (Map)']);
    expect(validateSchema(document, ref('Compact'), { gid: '1', colour: 'red' }, response).undeclared).toEqual([{ at: '$.colour', message: 'Compact.colour' }]);
  });

  it('merges allOf: a member closed to extra names still accepts the names its siblings declare', () => {
    expect(errors(ref('ClosedPlus'), { id: 1, self: 's', extra: true })).toEqual([]);
    expect(errors(ref('ClosedPlus'), { id: 1, self: 's', unknown: true })).toEqual(['$.unknown "unknown" is not a property of ClosedPlus (additionalProperties: false)']);
    expect(validateSchema(document, ref('Response'), { gid: '1', email: null }, response)).toEqual({ errors: [], undeclared: [] });
  });

  it('does not ask a request for read-only properties, and refuses them in one', () => {
    const request = { direction: 'request' } as const;
    expect(errors(ref('Closed'), { id: 1 })).toEqual(['$ required property "self" is missing']);
    expect(errors(ref('Closed'), { id: 1 }, request)).toEqual([]);
    expect(errors(ref('Closed'), { id: 1, self: 's' }, request)).toEqual(['$.self "self" is read-only: a request may not send it']);
  });

  it('needs exactly one oneOf alternative and at least one anyOf alternative', () => {
    const alternatives = [{ type: 'string' }, { type: 'string', enum: ['x'] }];
    expect(errors({ oneOf: alternatives }, 'x')).toEqual(['$ matches 2 oneOf alternatives, exactly one allowed']);
    expect(errors({ oneOf: alternatives }, 'y')).toEqual([]);
    expect(errors({ anyOf: alternatives }, 'x')).toEqual([]);
    expect(errors({ anyOf: alternatives }, 3)).toHaveLength(1);
  });

  it('reads a compact record as its full form when asked, without looping through the full form\'s own members', () => {
    const full = { direction: 'response', mapRef: (target: string) => target.replace('Compact', 'Response') } as const;
    expect(validateSchema(document, ref('Compact'), { gid: '1', email: 'a@example.com' }, full)).toEqual({ errors: [], undeclared: [] });
    expect(validateSchema(document, ref('Compact'), { gid: '1', email: 'a@example.com' }, response).undeclared).toHaveLength(1);
  });
});

describe('missingStep', () => {
  it('names the first step of a dotted path that names no property, following arrays', () => {
    const list: JsonSchema = { type: 'object', properties: { data: { type: 'array', items: ref('Response') } } };
    expect(missingStep(document, list, ['data', 'email'])).toBeUndefined();
    expect(missingStep(document, list, ['data', 'mail'])).toBe('mail');
  });
});
