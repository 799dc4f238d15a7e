import { missingStep } from './openapi-field-paths.ts';
import { validateSchema, type JsonSchema, type SchemaIssue } from './openapi-schema.ts';

/**
 * Checks one HTTP exchange against a vendor's OpenAPI document: the request must be an operation
 * the document declares (method, path template under the server's base path), with only the query
 * parameters it declares, each of its declared type, and a body of its request schema; the answer
 * must have a status the operation declares and a body of that status's schema.
 */

export interface Exchange {
  method: string;
  /** The URL path as sent, base path included (`/api/1.0/tasks/1`). */
  path: string;
  query: [string, string][];
  /** The request body, parsed when it is JSON. */
  body?: unknown;
  status: number;
  /** The response body, parsed when it is JSON. */
  response?: unknown;
}

export type FindingKind = 'unknown-path' | 'method' | 'query' | 'body' | 'status' | 'response' | 'undeclared-property';

export interface Finding {
  kind: FindingKind;
  /** `GET /rest/api/3/status` as the document names it, or the path sent when nothing matched. */
  operation: string;
  message: string;
}

export interface ContractOptions {
  /** A query parameter after which answers carry fields of the full records (Asana's `opt_fields`). */
  fullRecordsParameter?: string;
  /** How a compact schema's full form is named (Asana: `TaskCompact` → `TaskResponse`). */
  fullForm?: (ref: string) => string;
  /**
   * A parameter listing dotted field paths (Asana's `opt_fields`). Its declared enum lists one
   * level of nesting only (`assignee.name`, not `assignee.email`); a path outside the enum passes
   * when every step names a property of the full record the operation answers with.
   */
  fieldPathParameter?: string;
  /**
   * Values inside a free-form part of an answer (Jira's `IssueBean.fields`, declared as any map)
   * that the vendor types elsewhere: each is checked against the schema given.
   */
  embedded?: (operation: string, response: unknown) => { at: string; schema: JsonSchema; value: unknown }[];
  /** Prefixes the vendor serves the same paths under besides the document's server (Atlassian's `/ex/jira/{cloudId}`). */
  otherBases?: readonly RegExp[];
}

type Operation = { parameters?: JsonSchema[]; requestBody?: JsonSchema; responses?: Record<string, JsonSchema> };
type PathItem = { parameters?: JsonSchema[] } & Record<string, Operation>;

export class VendorContract {
  readonly document: { servers?: { url: string }[]; paths: Record<string, PathItem> };
  readonly basePath: string;
  readonly options: ContractOptions;
  private readonly templates: { template: string; parts: string[]; literals: number }[];

  constructor(document: object, options: ContractOptions = {}) {
    this.document = document as VendorContract['document'];
    this.options = options;
    this.basePath = new URL(this.document.servers?.[0]?.url ?? 'http://host/').pathname.replace(/\/$/, '');
    this.templates = Object.keys(this.document.paths)
      .map((template) => {
        const parts = template.split('/').filter(Boolean);
        return { template, parts, literals: parts.filter((part) => !part.startsWith('{')).length };
      })
      // A literal segment beats a parameter: `/project/search` before `/project/{projectIdOrKey}`.
      .sort((a, b) => b.literals - a.literals);
  }

  /** Every way the exchange departs from the document. */
  check(exchange: Exchange): Finding[] {
    const match = this.match(exchange.path);
    const sent = `${exchange.method} ${exchange.path}`;
    if (!match) return [{ kind: 'unknown-path', operation: sent, message: `no path of the document matches ${exchange.path} (base path "${this.basePath}")` }];
    const item = this.document.paths[match.template] as PathItem;
    const operation = item[exchange.method.toLowerCase()];
    const name = `${exchange.method} ${match.template}`;
    if (!operation || exchange.method.toLowerCase() === 'parameters') {
      return [{ kind: 'method', operation: name, message: `${match.template} declares no ${exchange.method}` }];
    }
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => this.deref(parameter));
    const findings = [...this.checkPath(parameters, match.values), ...this.checkQuery(parameters, exchange.query, operation), ...this.checkBody(operation, exchange)];
    findings.push(...this.checkResponse(operation, exchange));
    if (exchange.status < 300) findings.push(...this.checkEmbedded(name, exchange.response));
    return findings.map((finding) => ({ ...finding, operation: name }));
  }

  /** The operation an exchange belongs to, as `GET /template`, or undefined when none matches. */
  operationOf(exchange: Pick<Exchange, 'method' | 'path'>): string | undefined {
    const match = this.match(exchange.path);
    return match ? `${exchange.method} ${match.template}` : undefined;
  }

  private match(sent: string): { template: string; values: Map<string, string> } | undefined {
    const path = (this.options.otherBases ?? []).reduce((rest, prefix) => rest.replace(prefix, ''), sent);
    if (!path.startsWith(`${this.basePath}/`)) return undefined;
    const parts = path.slice(this.basePath.length).split('/').filter(Boolean);
    for (const candidate of this.templates) {
      if (candidate.parts.length !== parts.length) continue;
      const values = new Map<string, string>();
      const fits = candidate.parts.every((part, index) => {
        const sent = decodeURIComponent(parts[index] as string);
        if (!part.startsWith('{')) return part === sent;
        values.set(part.slice(1, -1), sent);
        return sent.length > 0;
      });
      if (fits) return { template: candidate.template, values };
    }
    return undefined;
  }

  private checkPath(parameters: JsonSchema[], values: Map<string, string>): Omit<Finding, 'operation'>[] {
    const findings: Omit<Finding, 'operation'>[] = [];
    for (const [name, value] of values) {
      const declared = parameters.find((parameter) => parameter['in'] === 'path' && parameter['name'] === name);
      if (!declared) findings.push({ kind: 'query', message: `path parameter {${name}} is not declared` });
      else findings.push(...this.parameterIssues(declared, [value]).map((issue) => ({ kind: 'query' as const, message: `{${name}} ${issue.message}` })));
    }
    return findings;
  }

  private checkQuery(parameters: JsonSchema[], query: [string, string][], operation: Operation): Omit<Finding, 'operation'>[] {
    const findings: Omit<Finding, 'operation'>[] = [];
    const sent = new Map<string, string[]>();
    for (const [key, value] of query) sent.set(key, [...(sent.get(key) ?? []), value]);
    for (const [key, values] of sent) {
      const declared = parameters.find((parameter) => parameter['in'] === 'query' && parameter['name'] === key);
      if (!declared) {
        findings.push({ kind: 'query', message: `query parameter "${key}" is not declared by the operation` });
        continue;
      }
      if (key === this.options.fieldPathParameter) {
        findings.push(...this.fieldPathIssues(declared, values, operation).map((message) => ({ kind: 'query' as const, message: `${key}: ${message}` })));
        continue;
      }
      findings.push(...this.parameterIssues(declared, values).map((issue) => ({ kind: 'query' as const, message: `${key}=${values.join('&')}: ${issue.at.replace(/^\$/, key)} ${issue.message}` })));
    }
    for (const parameter of parameters) {
      if (parameter['in'] === 'query' && parameter['required'] === true && !sent.has(parameter['name'] as string)) {
        findings.push({ kind: 'query', message: `required query parameter "${parameter['name'] as string}" is missing` });
      }
    }
    return findings;
  }

  /**
   * A query value read as its declared type. Arrays: every occurrence, each split at commas (Asana
   * declares `style: form, explode: false`; Jira declares no style and its prose says comma lists).
   */
  private parameterIssues(parameter: JsonSchema, values: string[]): SchemaIssue[] {
    const schema = (parameter['schema'] as JsonSchema | undefined) ?? {};
    const type = this.resolveSchema(schema)['type'];
    if (type === 'array') {
      const itemSchema = (this.resolveSchema(schema)['items'] as JsonSchema | undefined) ?? {};
      const items = values.flatMap((value) => value.split(',')).map((item) => coerce(this.resolveSchema(itemSchema), item));
      return validateSchema(this.document, schema, items, { direction: 'request' }).errors;
    }
    if (values.length > 1) return [{ at: '$', message: `is sent ${values.length} times; the document declares one value (${String(type)})` }];
    return validateSchema(this.document, schema, coerce(this.resolveSchema(schema), values[0] as string), { direction: 'request' }).errors;
  }

  private fieldPathIssues(parameter: JsonSchema, values: string[], operation: Operation): string[] {
    const items = this.resolveSchema((this.resolveSchema((parameter['schema'] as JsonSchema | undefined) ?? {})['items'] as JsonSchema | undefined) ?? {});
    const listed = new Set((items['enum'] as string[] | undefined) ?? []);
    const answer = this.responseSchema(operation, '200');
    const issues: string[] = [];
    for (const path of values.flatMap((value) => value.split(','))) {
      if (listed.has(path)) continue;
      const missing = answer && missingStep(this.document, answer as JsonSchema, ['data', ...path.split('.')], this.options.fullForm);
      if (!answer || missing !== undefined) issues.push(`"${path}" is neither in the declared list nor a field of the answer (no "${missing ?? path}")`);
    }
    return issues;
  }

  private responseSchema(operation: Operation, status: string): JsonSchema | undefined {
    const declared = operation.responses?.[status];
    return declared ? (this.deref(declared)['content'] as Record<string, { schema?: JsonSchema }> | undefined)?.['application/json']?.schema : undefined;
  }

  private checkBody(operation: Operation, exchange: Exchange): Omit<Finding, 'operation'>[] {
    const declared = operation.requestBody ? this.deref(operation.requestBody) : undefined;
    if (!declared) return exchange.body === undefined ? [] : [{ kind: 'body', message: 'sends a body the operation does not declare' }];
    if (exchange.body === undefined) return declared['required'] === true ? [{ kind: 'body', message: 'the required request body is missing' }] : [];
    const schema = (declared['content'] as Record<string, { schema?: JsonSchema }> | undefined)?.['application/json']?.schema;
    if (!schema) return [{ kind: 'body', message: 'sends JSON where the operation declares no JSON body' }];
    const result = validateSchema(this.document, schema, exchange.body, { direction: 'request' });
    return [
      ...result.errors.map((issue) => ({ kind: 'body' as const, message: `${issue.at} ${issue.message}` })),
      ...result.undeclared.map((issue) => ({ kind: 'body' as const, message: `${issue.at} is not declared (${issue.message})` })),
    ];
  }

  private checkResponse(operation: Operation, exchange: Exchange): Omit<Finding, 'operation'>[] {
    const responses = operation.responses ?? {};
    const status = String(exchange.status);
    const declared = responses[status] ?? responses[`${status[0]}XX`] ?? responses['default'];
    if (!declared) return [{ kind: 'status', message: `answers ${status}, which the operation does not declare (it declares ${Object.keys(responses).join(', ')})` }];
    const schema = (this.deref(declared)['content'] as Record<string, { schema?: JsonSchema }> | undefined)?.['application/json']?.schema;
    if (!schema) return [];
    const full = this.options.fullRecordsParameter !== undefined && exchange.query.some(([key]) => key === this.options.fullRecordsParameter);
    const mapRef = full ? this.options.fullForm : undefined;
    const result = validateSchema(this.document, schema, exchange.response, { direction: 'response', ...(mapRef ? { mapRef } : {}) });
    return [
      ...result.errors.map((issue) => ({ kind: 'response' as const, message: `${status} ${issue.at} ${issue.message}` })),
      ...result.undeclared.map((issue) => ({ kind: 'undeclared-property' as const, message: `${status} ${issue.at} (${issue.message})` })),
    ];
  }

  private checkEmbedded(operation: string, response: unknown): Omit<Finding, 'operation'>[] {
    return (this.options.embedded?.(operation, response) ?? []).flatMap(({ at, schema, value }) => {
      const result = validateSchema(this.document, schema, value, { direction: 'response' }, at);
      return [
        ...result.errors.map((issue) => ({ kind: 'response' as const, message: `${issue.at} ${issue.message}` })),
        ...result.undeclared.map((issue) => ({ kind: 'undeclared-property' as const, message: `${issue.at} (${issue.message})` })),
      ];
    });
  }

  private deref(value: JsonSchema): JsonSchema {
    let node = value;
    while (typeof node['$ref'] === 'string') {
      let target: unknown = this.document;
      for (const part of (node['$ref'] as string).slice(2).split('/')) target = (target as Record<string, unknown>)[part];
      node = target as JsonSchema;
    }
    return node;
  }

  private resolveSchema(schema: JsonSchema): JsonSchema {
    return this.deref(schema);
  }
}

/** A query string read as the scalar its schema declares; left a string when it does not parse. */
function coerce(schema: JsonSchema, text: string): unknown {
  const type = schema['type'];
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}
