import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnapshot, readSnapshot, SNAPSHOT_DIR_ENV } from '../../site/src/lib/snapshot.ts';
import { fixtureDir, tempDir } from './helpers.ts';

describe('readSnapshot', () => {
  it('reads and validates the fixture snapshot', async () => {
    const snapshot = await readSnapshot(fixtureDir);
    expect(snapshot.latest.snapshot).toBe('2025-11-24T06-00-00Z');
    expect(snapshot.documents['managers.json'].managers).toHaveLength(5);
    expect(snapshot.documents['projects.json'].projects).toHaveLength(8);
    expect(snapshot.documents['alignment.json'].themes).toHaveLength(5);
    expect(snapshot.documents['quality.json'].sources).toHaveLength(2);
    expect(snapshot.documents['portfolios.json'].portfolios.map((p) => p.name)).toEqual(['Platform', 'Growth & Payments', 'Research <lab>']);
    expect(snapshot.documents['portfolios.json'].portfolios).toEqual(snapshot.documents['projects.json'].portfolios);
  });

  it('takes portfolios from portfolios.json, not from the deprecated copy in projects.json', async () => {
    const dir = await tempDir('portfolios');
    try {
      await cp(fixtureDir, dir, { recursive: true });
      const projects = JSON.parse(await readFile(path.join(dir, 'projects.json'), 'utf8')) as { portfolios?: unknown };
      delete projects.portfolios;
      await writeFile(path.join(dir, 'projects.json'), JSON.stringify(projects));
      const snapshot = await readSnapshot(dir);
      expect(snapshot.documents['portfolios.json'].portfolios).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('derives portfolios from projects.json for a snapshot published before portfolios.json', async () => {
    const dir = await tempDir('older');
    try {
      await cp(fixtureDir, dir, { recursive: true });
      await rm(path.join(dir, 'portfolios.json'));
      const latest = JSON.parse(await readFile(path.join(dir, 'latest.json'), 'utf8')) as { documents: string[] };
      latest.documents = latest.documents.filter((name) => name !== 'portfolios.json');
      await writeFile(path.join(dir, 'latest.json'), JSON.stringify(latest));
      const snapshot = await readSnapshot(dir);
      expect(snapshot.documents['portfolios.json']).toEqual({ schemaVersion: 1, asOf: '2025-11-23', portfolios: snapshot.documents['projects.json'].portfolios });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names portfolios.json when the snapshot lists it but it is missing', async () => {
    const dir = await tempDir('missing');
    try {
      await cp(fixtureDir, dir, { recursive: true });
      await rm(path.join(dir, 'portfolios.json'));
      await expect(readSnapshot(dir)).rejects.toThrow('portfolios.json');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads documents from snapshots/<id>/ when the publisher laid them out there', async () => {
    const dir = await tempDir('published');
    try {
      await cp(fixtureDir, dir, { recursive: true });
      const published = path.join(dir, 'snapshots', '2025-11-24T06-00-00Z');
      await mkdir(published, { recursive: true });
      await rename(path.join(dir, 'quality.json'), path.join(published, 'quality.json'));
      for (const name of ['managers.json', 'projects.json', 'portfolios.json', 'alignment.json', 'forecasts.json']) {
        await rename(path.join(dir, name), path.join(published, name));
      }
      const snapshot = await readSnapshot(dir);
      expect(snapshot.documents['quality.json'].quarantine).toHaveLength(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('loadSnapshot', () => {
  it('names the environment variable when it is not set', async () => {
    await expect(loadSnapshot({})).rejects.toThrow(SNAPSHOT_DIR_ENV);
  });

  it('reads the folder the environment names', async () => {
    const snapshot = await loadSnapshot({ [SNAPSHOT_DIR_ENV]: fixtureDir });
    expect(snapshot.dir).toBe(path.resolve(fixtureDir));
  });
});
