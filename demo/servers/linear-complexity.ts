import { Kind, type DocumentNode, type FieldNode, type SelectionSetNode, type ValueNode } from 'graphql';

/**
 * A query's complexity as Linear documents its scoring: each property 0.1 point, each object 1,
 * a connection's children times its `first` (50 when absent); the total rounded up. Linear refuses
 * a single query over 10,000 points and bills the rest against an hourly budget.
 */
export const maxQueryComplexity = 10_000;

export function queryComplexity(document: DocumentNode, variables: Record<string, unknown>): number {
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += selectionCost(definition.selectionSet, variables);
  }
  return Math.ceil(total);
}

function selectionCost(set: SelectionSetNode, variables: Record<string, unknown>): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    cost += fieldCost(selection, variables);
  }
  return cost;
}

function fieldCost(field: FieldNode, variables: Record<string, unknown>): number {
  if (!field.selectionSet) return 0.1;
  const children = selectionCost(field.selectionSet, variables);
  const isConnection = field.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'nodes');
  if (!isConnection) return 1 + children;
  const first = field.arguments?.find((argument) => argument.name.value === 'first');
  const size = first ? Number(valueOf(first.value, variables) ?? 50) : 50;
  return 1 + children * size;
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  return undefined;
}
