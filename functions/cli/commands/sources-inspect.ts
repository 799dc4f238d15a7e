import { loadConfig, readToken } from '../../config/index.ts';
import { inspectSource, type SourceInspection } from '../../connectors/inspect.ts';
import { silentLogger } from '../../runtime/logger.ts';
import { configOption, UsageError, type Command } from '../command.ts';
import { inspectionText } from '../inspection-text.ts';

export const sourcesInspectCommand: Command = {
  name: 'sources inspect',
  summary: 'List what a configured source holds (fields, statuses, projects, columns) to write its mapping',
  usage: `pmpulse sources inspect NAME [--json] [--config FILE]

Reads the source named NAME in the config with its token and lists, without storing anything:
  jira   fields (id, name, custom or system, type; which hold story points), statuses with their
         category, issue types, projects (company- or team-managed, lead, category)
  asana  workspaces, custom fields (gid, name, type), projects (owner) and portfolios
  csv    the files, the columns of the first, the mapping (preset and overrides) and its first
         rows parsed with it
--json prints the same as one JSON object.`,
  options: { ...configOption, json: { type: 'boolean', default: false } },
  async run(values, positionals) {
    const name = positionals[0];
    const config = await loadConfig(values.config as string);
    const names = config.sources.map((source) => source.name);
    if (!name) throw new UsageError(`name a source (${names.join(', ') || 'none configured'})`);
    const source = config.sources.find((candidate) => candidate.name === name);
    if (!source) throw new UsageError(`no source "${name}" in ${values.config as string} (sources: ${names.join(', ') || 'none'})`);
    const inspection = await inspectSource({ source, token: readToken(source), fetch, now: () => new Date(), log: silentLogger });
    process.stdout.write(values.json ? `${JSON.stringify(asJson(inspection), null, 2)}\n` : inspectionText(inspection));
    return 0;
  },
};

/** Sections keyed by name, for machines. */
function asJson(inspection: SourceInspection) {
  return { source: inspection.source, type: inspection.type, notes: inspection.notes, ...Object.fromEntries(inspection.sections.map((section) => [section.name, section.rows])) };
}
