import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignmentDefinitions, kpiDefinitions } from '../../functions/kpi/index.ts';
import { latencyDefinitions } from '../../functions/kpi/catalogue/latency.ts';
import { readSnapshot, type SnapshotSource } from '../../functions/contract/read.ts';
import type { Latest } from '../../functions/contract/documents.ts';
import { fixtureDir } from '../site/helpers.ts';

/**
 * Every published KPI definition says which way is better (`direction`), and a snapshot published
 * before the field existed reads as if it had it: estimation accuracy best at 1, the others from
 * `higherIsBetter`.
 */
type Json = Record<string, unknown>;

const published = [...kpiDefinitions, ...latencyDefinitions, ...alignmentDefinitions];

describe('KPI definitions: direction', () => {
  it('publishes a direction for every definition, agreeing with higherIsBetter', () => {
    for (const d of published) {
      expect(d.direction, d.id).toBeDefined();
      // towardOne is not "higher is better": its definitions say false.
      expect(d.higherIsBetter, d.id).toBe(d.direction === 'higher');
    }
  });

  it('publishes estimation accuracy as best at 1 and on-time delivery as higher, cycle time as lower', () => {
    const of = (id: string) => published.find((d) => d.id === id)?.direction;
    expect(of('estimationAccuracy')).toBe('towardOne');
    expect(of('onTimeRate')).toBe('higher');
    expect(of('cycleTimeP50')).toBe('lower');
    expect(of('gapScore')).toBe('lower');
  });
});

describe('reading a snapshot published before direction', () => {
  async function read(edit: (managers: Json & { kpis: Json[] }) => void) {
    const files = new Map<string, unknown>();
    const latest = JSON.parse(await readFile(path.join(fixtureDir, 'latest.json'), 'utf8')) as Latest;
    for (const name of latest.documents) files.set(name, JSON.parse(await readFile(path.join(fixtureDir, name), 'utf8')));
    const managers = files.get('managers.json') as Json & { kpis: Json[] };
    edit(managers);
    const source: SnapshotSource = { read: async (key) => files.get(key) };
    return readSnapshot(source, latest, (name) => name);
  }

  it('fills in estimation accuracy as best at 1 although its definition says only higherIsBetter false', async () => {
    const docs = await read((m) => {
      m.kpis.push({ id: 'estimationAccuracy', name: 'Estimation accuracy (work ratio)', unit: 'index', higherIsBetter: false, description: 'd', formula: 'f' });
    });
    const direction = new Map(docs['managers.json'].kpis.map((k) => [k.id, k.direction]));
    expect(direction.get('estimationAccuracy')).toBe('towardOne');
    expect(direction.get('onTimeRate')).toBe('higher');
    expect(direction.get('cycleTime')).toBe('lower');
  });

  it('fills in the alignment definitions from higherIsBetter', async () => {
    const docs = await read(() => {});
    expect(docs['alignment.json'].definitions?.map((d) => [d.id, d.direction])).toEqual([['themeShare', 'higher'], ['gapScore', 'lower']]);
  });

  it('keeps a direction the snapshot publishes', async () => {
    const docs = await read((m) => {
      const spi = m.kpis.find((k) => k.id === 'spi')!;
      spi.direction = 'towardOne';
    });
    expect(docs['managers.json'].kpis.find((k) => k.id === 'spi')?.direction).toBe('towardOne');
  });
});
