import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The tree shows the data flow, and this keeps it so: each top-level folder of functions/ sits on
 * a layer, imports only from its own layer or below, and no two folders import each other
 * (directly or round a loop). Read from the import statements themselves, so a new folder or a
 * new import is checked without anyone listing it.
 */
const FUNCTIONS = fileURLToPath(new URL('../../functions/', import.meta.url));

/** Lower numbers are lower layers: they know nothing of the ones above. */
export const LAYERS: Record<string, number> = {
  domain: 0,
  runtime: 0,
  access: 0,
  config: 1,
  contract: 2,
  connectors: 2,
  store: 2,
  kpi: 3,
  forecast: 3,
  latency: 3,
  publish: 4,
  privacy: 4,
  digest: 4,
  pipeline: 5,
  handlers: 6,
  cli: 6,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** `import … from './x'`, `export … from './x'`, `import './x'` and `import('./x')`. */
const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]|\bimport\s*\(?\s*['"](\.[^'"]+)['"]/gm;

/** Folder → the other folders of functions/ it imports from, with one example file each. */
function folderImports(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(FUNCTIONS)) {
    const from = relative(FUNCTIONS, file).split(sep)[0]!;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = relative(FUNCTIONS, resolve(dirname(file), match[1] ?? match[2]!));
      if (target.startsWith('..')) continue; // outside functions/ (the site's build, for the CLI)
      const to = target.split(sep)[0]!;
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      edges.get(from)!.has(to) || edges.get(from)!.set(to, relative(FUNCTIONS, file));
    }
  }
  return edges;
}

describe('the shape of functions/', () => {
  const edges = folderImports();

  it('puts every top-level folder on a layer', () => {
    const folders = readdirSync(FUNCTIONS).filter((name) => statSync(join(FUNCTIONS, name)).isDirectory());
    expect(folders.filter((folder) => !(folder in LAYERS))).toEqual([]);
  });

  it('never imports from a higher layer', () => {
    const upward: string[] = [];
    for (const [from, targets] of edges) {
      for (const [to, example] of targets) if ((LAYERS[to] ?? 99) > (LAYERS[from] ?? -1)) upward.push(`${from} (layer ${LAYERS[from]}) imports ${to} (layer ${LAYERS[to]}) in ${example}`);
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]) => {
      for (const next of edges.get(folder)?.keys() ?? []) {
        if (next === path[0]) cycles.push([...path, next].join(' → '));
        else if (!path.includes(next) && next > path[0]!) visit(next, [...path, next]);
      }
    };
    for (const folder of edges.keys()) visit(folder, [folder]);
    expect(cycles).toEqual([]);
  });
});
