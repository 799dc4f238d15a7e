import type { Template } from 'aws-cdk-lib/assertions';

/** The Amazon States Language of the pipeline, read back from the synthesised template. */
export interface AslState {
  Type: 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Map' | 'Succeed' | 'Fail';
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  ResultSelector?: Record<string, unknown>;
  ResultPath?: string | null;
  Retry?: { ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number; MaxDelaySeconds?: number; JitterStrategy?: string }[];
  Catch?: { ErrorEquals: string[]; ResultPath?: string; Next: string }[];
  Choices?: (Record<string, unknown> & { Next: string })[];
  Default?: string;
  ItemsPath?: string;
  ItemSelector?: Record<string, unknown>;
  ItemProcessor?: AslMachine;
  MaxConcurrency?: number;
  Seconds?: number;
  Error?: string;
  ErrorPath?: string;
  TimeoutSeconds?: number;
}

export interface AslMachine {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
}

/**
 * The definition of the one state machine, with each CloudFormation reference written as
 * `<LogicalId>` or `<LogicalId.Attribute>` so a test can name the resource a state uses.
 */
export function stateMachineDefinition(template: Template): { logicalId: string; properties: Record<string, unknown>; definition: AslMachine } {
  const machines = Object.entries(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const [logicalId, resource] = machines[0]!;
  const properties = resource.Properties as Record<string, unknown>;
  const parts = (properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const text = parts.map((part) => (typeof part === 'string' ? part : reference(part))).join('');
  return { logicalId, properties, definition: JSON.parse(text) as AslMachine };
}

function reference(part: unknown): string {
  const value = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  if (value.Ref) return value.Ref.startsWith('AWS::') ? 'aws' : `<${value.Ref}>`;
  if (value['Fn::GetAtt']) return `<${value['Fn::GetAtt'].join('.')}>`;
  throw new Error(`unexpected token in the definition: ${JSON.stringify(part)}`);
}

/** The states from `start` on, following `Next` only (not Choice branches, Catch or the end). */
export function chainFrom(machine: AslMachine, start: string, limit = 50): string[] {
  const names: string[] = [];
  for (let name: string | undefined = start; name !== undefined && names.length < limit; name = machine.States[name]?.Next) names.push(name);
  return names;
}

/**
 * A reference path (`$.a.b[0]`, `$$.Execution.Id`) read from a state's input and context, as Step
 * Functions reads a Choice variable: undefined when absent.
 */
export function readPath(input: unknown, path: string, context: unknown = {}): unknown {
  const [root, rest] = path.startsWith('$$') ? [context, path.slice(2)] : [input, path.slice(1)];
  const steps = [...rest.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((match) => match[1] ?? Number(match[2]));
  let value: unknown = root;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/**
 * A Parameters/ResultSelector template filled in: each `key.$` takes the value at its path. Only
 * plain reference paths are supported; an intrinsic function or filter throws, so a test never
 * silently evaluates something it does not understand.
 */
export function fillTemplate(template: Record<string, unknown>, input: unknown, context: unknown = {}): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) => {
      if (!key.endsWith('.$')) return [key, value !== null && typeof value === 'object' && !Array.isArray(value) ? fillTemplate(value as Record<string, unknown>, input, context) : value];
      if (typeof value !== 'string' || !/^\$\$?(\.[A-Za-z0-9_]+|\[\d+\])*$/.test(value)) throw new Error(`not a plain reference path: ${String(value)}`);
      return [key.slice(0, -2), readPath(input, value, context)];
    }),
  );
}

/** Which state a Choice goes to for this input: the rules the pipeline uses, as Step Functions evaluates them. */
export function choose(state: AslState, input: unknown, context: unknown = {}): string {
  for (const rule of state.Choices ?? []) if (matches(rule, input, context)) return rule.Next;
  if (!state.Default) throw new Error('no choice matched and there is no Default (States.NoChoiceMatched)');
  return state.Default;
}

function matches(rule: Record<string, unknown>, input: unknown, context: unknown): boolean {
  const value = readPath(input, rule.Variable as string, context);
  if ('IsPresent' in rule) return (value !== undefined) === rule.IsPresent;
  if (value === undefined) throw new Error(`${String(rule.Variable)} is not in the input (States.Runtime)`);
  if ('BooleanEquals' in rule) return value === rule.BooleanEquals;
  if ('NumericGreaterThanEquals' in rule) return typeof value === 'number' && value >= (rule.NumericGreaterThanEquals as number);
  if ('StringEqualsPath' in rule) return value === readPath(input, rule.StringEqualsPath as string, context);
  throw new Error(`a rule this evaluator does not know: ${JSON.stringify(rule)}`);
}
