import type { Command } from './command.ts';

/**
 * Every command by name, each module loaded only when its command runs: loading all of them
 * (the site builder, the demo, every connector) took 1.6 s before any command began, most of
 * `pmpulse compute`'s start (docs/deploy.md, "Measured limits"). `pmpulse --help` loads them all.
 */
export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

export const commandList: readonly CommandEntry[] = [
  { name: 'sync', load: async () => (await import('./commands/pipeline.ts')).syncCommand },
  { name: 'compute', load: async () => (await import('./commands/pipeline.ts')).computeCommand },
  { name: 'publish', load: async () => (await import('./commands/pipeline.ts')).publishCommand },
  { name: 'run', load: async () => (await import('./commands/pipeline.ts')).runCommand },
  { name: 'demo', load: async () => (await import('./commands/demo.ts')).demoCommand },
  { name: 'site build', load: async () => (await import('./commands/site.ts')).siteBuildCommand },
  { name: 'site serve', load: async () => (await import('./commands/site.ts')).siteServeCommand },
  { name: 'config check', load: async () => (await import('./commands/config-check.ts')).configCheckCommand },
  { name: 'sources inspect', load: async () => (await import('./commands/sources-inspect.ts')).sourcesInspectCommand },
  { name: 'forget', load: async () => (await import('./commands/forget.ts')).forgetCommand },
  { name: 'digest', load: async () => (await import('./commands/digest.ts')).digestCommand },
  { name: 'alerts', load: async () => (await import('./commands/alerts.ts')).alertsCommand },
  { name: 'store pack', load: async () => (await import('./commands/store-pack.ts')).storePackCommand },
];
