import { describe, expect, it } from 'vitest';
import { demoCredentials, demoThemes, generateOrg } from '../../demo/generator/index.ts';
import type { DemoOrg, DemoTask, PersonaId } from '../../demo/generator/index.ts';
import { ThemeSchema } from '../../functions/config/schema.ts';

const asOf = '2026-03-31';

function tasksOf(org: DemoOrg, persona: PersonaId): DemoTask[] {
  const pm = org.people.find((person) => person.persona === persona);
  const projects = new Set(org.projects.filter((project) => project.pmId === pm?.id).map((project) => project.id));
  return org.tasks.filter((task) => projects.has(task.projectId));
}

function onTimeShare(tasks: readonly DemoTask[]): number {
  const due = tasks.filter((task) => task.doneAt !== null && task.dueOn !== null);
  const onTime = due.filter((task) => new Date(task.doneAt as number).toISOString().slice(0, 10) <= (task.dueOn as string));
  return onTime.length / due.length;
}

function hoursRatio(tasks: readonly DemoTask[]): number {
  const estimated = tasks.filter((task) => task.status === 'done' && task.estimateHours !== null);
  return estimated.reduce((sum, task) => sum + task.spentHours, 0) / estimated.reduce((sum, task) => sum + (task.estimateHours as number), 0);
}

function unalignedShare(tasks: readonly DemoTask[]): number {
  return tasks.filter((task) => task.themeId === null).length / tasks.length;
}

describe('generateOrg', () => {
  const medium = generateOrg({ seed: 42, scale: 'medium', asOf });

  it('gives deep-equal organisations for the same options and different ones for another seed', () => {
    const first = generateOrg({ seed: 7, scale: 'small', asOf });
    const again = generateOrg({ seed: 7, scale: 'small', asOf });
    const other = generateOrg({ seed: 8, scale: 'small', asOf });
    expect(again).toEqual(first);
    expect(other.tasks.map((task) => task.title)).not.toEqual(first.tasks.map((task) => task.title));
    expect(other.worklogs.length).not.toBe(first.worklogs.length);
  });

  it('builds a medium organisation of the documented size', () => {
    expect(medium.people.filter((person) => person.role === 'pm')).toHaveLength(12);
    expect(medium.projects).toHaveLength(40);
    expect(medium.portfolios.map((portfolio) => portfolio.name)).toEqual(['Growth', 'Platform', 'Operations']);
    expect(medium.themes).toHaveLength(5);
    expect(medium.tasks.length).toBeGreaterThanOrEqual(15_000);
    expect(medium.tasks.length).toBeLessThanOrEqual(25_000);
    expect(medium.worklogs.length).toBeGreaterThanOrEqual(80_000);
    expect(medium.worklogs.length).toBeLessThanOrEqual(120_000);
  });

  it('puts about 60% of projects in Jira and the rest in Asana', () => {
    const jira = medium.projects.filter((project) => project.system === 'jira').length;
    expect(jira).toBe(24);
    expect(medium.projects.length - jira).toBe(16);
  });

  it('keeps every record before asOf, starting at most 14 months before the demo year, with most work inside the year', () => {
    // Projects start up to 1.15 spans before the year, a span being 364 days and 17 h (to 17:00
    // on asOf): 1.15 × 364.7 ≈ 419.4 days, so nothing before 420 days ahead of the year.
    const from = Date.parse('2025-04-01T00:00:00.000Z') - 420 * 86_400_000;
    const to = Date.parse('2026-03-31T17:00:00.000Z');
    for (const task of medium.tasks) {
      expect(task.createdAt).toBeGreaterThanOrEqual(from);
      expect(task.updatedAt).toBeLessThanOrEqual(to);
      if (task.doneAt !== null) expect(task.doneAt).toBeGreaterThan(task.startedAt as number);
    }
    expect(medium.worklogs.every((log) => log.day <= asOf && log.hours > 0)).toBe(true);
    const inYear = medium.worklogs.filter((log) => log.day >= '2025-04-01').length;
    expect(inYear / medium.worklogs.length).toBeGreaterThan(0.5);
  });

  it('makes the personas differ in what the KPIs measure', () => {
    expect(onTimeShare(tasksOf(medium, 'late-but-cheap'))).toBeLessThan(onTimeShare(tasksOf(medium, 'steady')) - 0.2);
    expect(hoursRatio(tasksOf(medium, 'late-but-cheap'))).toBeLessThan(0.85);
    expect(hoursRatio(tasksOf(medium, 'fast-over-budget'))).toBeGreaterThan(hoursRatio(tasksOf(medium, 'steady')) + 0.3);
    expect(onTimeShare(tasksOf(medium, 'fast-over-budget'))).toBeGreaterThan(0.9);
    expect(hoursRatio(tasksOf(medium, 'under-estimator'))).toBeGreaterThan(1.5);
    expect(unalignedShare(tasksOf(medium, 'theme-drifter'))).toBeGreaterThan(unalignedShare(tasksOf(medium, 'steady')) + 0.25);
    expect(tasksOf(medium, 'small-sample').length).toBeLessThan(100);
  });

  it('gives some Jira issue more than 20 worklogs', () => {
    const jiraProjects = new Set(medium.projects.filter((project) => project.system === 'jira').map((project) => project.id));
    const counts = new Map<string, number>();
    for (const log of medium.worklogs) counts.set(log.taskId, (counts.get(log.taskId) ?? 0) + 1);
    const busy = medium.tasks.filter((task) => jiraProjects.has(task.projectId) && (counts.get(task.id) ?? 0) > 20);
    expect(busy.length).toBeGreaterThan(0);
  });

  it('keeps task hours equal to the sum of their worklogs', () => {
    const sums = new Map<string, number>();
    for (const log of medium.worklogs) sums.set(log.taskId, (sums.get(log.taskId) ?? 0) + log.hours);
    for (const task of medium.tasks.slice(0, 2_000)) expect(task.spentHours).toBeCloseTo(sums.get(task.id) ?? 0, 6);
  });

  it('hides some Jira emails and keeps one address per person across systems', () => {
    expect(medium.people.some((person) => person.hidesEmailInJira)).toBe(true);
    expect(new Set(medium.people.map((person) => person.email)).size).toBe(medium.people.length);
    const admin = medium.people.find((person) => person.id === medium.adminId);
    expect(admin?.email).toBe(demoCredentials.jira.email);
  });

  it('describes the demo themes in the config shape, targets adding up to at most 1', () => {
    const themes = demoThemes(medium);
    expect(themes.map((theme) => ThemeSchema.parse(theme).id)).toEqual(['growth', 'reliability', 'efficiency', 'ai', 'security']);
    expect(themes.reduce((sum, theme) => sum + theme.target, 0)).toBeCloseTo(0.95, 9);
    expect(themes[0]?.match.tags).toEqual(['theme-growth', 'Customer Growth']);
    const labelled = medium.tasks.filter((task) => task.labels.includes('theme-growth'));
    expect(labelled.every((task) => task.themeId === 'growth')).toBe(true);
  });
});
