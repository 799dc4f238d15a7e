import { describe, expect, it } from 'vitest';
import { demoPeople, generateOrg } from '../../demo/generator/index.ts';
import type { DemoOrg, DemoTask, PersonaId } from '../../demo/generator/index.ts';

/**
 * Is the demo company believable? Each property is recomputed here from the raw generated
 * records with plain loops, independently of the generator and of the KPI engine.
 */

const asOf = '2026-03-31';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const yearStart = Date.parse(`${asOf}T00:00:00Z`) - 364 * DAY;
const org = generateOrg({ seed: 42, scale: 'medium', asOf });

/** Hours per (person, Monday-based week) over worklogs dated inside the demo year. */
function personWeeks(company: DemoOrg): Map<string, number> {
  const weeks = new Map<string, number>();
  for (const log of company.worklogs) {
    const day = Date.parse(`${log.day}T00:00:00Z`);
    if (day < yearStart) continue;
    // 1970-01-05 was a Monday: (days since epoch − 4) / 7 counts whole weeks from it.
    const key = `${log.personId}|${Math.floor((day / DAY - 4) / 7)}`;
    weeks.set(key, (weeks.get(key) ?? 0) + log.hours);
  }
  return weeks;
}

function pmTasks(company: DemoOrg, persona: PersonaId): DemoTask[] {
  const pm = company.people.find((person) => person.persona === persona)!;
  const projects = new Set(company.projects.filter((project) => project.pmId === pm.id && project.system === 'jira').map((project) => project.id));
  return company.tasks.filter((task) => projects.has(task.projectId));
}

/** Moves out of Done ÷ moves into Done, counted on the status history. */
function reopenRatio(tasks: readonly DemoTask[]): number {
  let intoDone = 0;
  let outOfDone = 0;
  for (const task of tasks) {
    for (const change of task.history) {
      if (change.to === 'Done') intoDone++;
      if (change.from === 'Done' && change.to !== 'Done') outOfDone++;
    }
  }
  return outOfDone / intoDone;
}

describe('the demo company', () => {
  const weeks = personWeeks(org);
  const capacity = new Map(org.people.map((person) => [person.id, person.capacityHoursPerWeek ?? 40]));

  it('has most full-time people log 25–45 h a week and nobody more than 65 h', () => {
    const fullTime = [...weeks.entries()].filter(([key]) => capacity.get(key.split('|')[0]!) === 40).map(([, hours]) => hours);
    const inBand = fullTime.filter((hours) => hours >= 25 && hours <= 45).length;
    expect(inBand / fullTime.length).toBeGreaterThanOrEqual(0.7);
    expect(Math.max(...weeks.values())).toBeLessThanOrEqual(65);
    // A few people are overloaded (over 50 h), but only a few of all person-weeks.
    const overloaded = fullTime.filter((hours) => hours > 50).length / fullTime.length;
    expect(overloaded).toBeGreaterThan(0.01);
    expect(overloaded).toBeLessThan(0.15);
  });

  it('has part-timers, whose weeks stay near their smaller capacity', () => {
    const partTimers = org.people.filter((person) => person.capacityHoursPerWeek !== undefined && person.capacityHoursPerWeek < 40);
    expect(partTimers.length).toBeGreaterThan(0);
    const ids = new Set(partTimers.map((person) => person.id));
    const theirWeeks = [...weeks.entries()].filter(([key]) => ids.has(key.split('|')[0]!));
    const withinCapacityPlus20 = theirWeeks.filter(([key, hours]) => hours <= capacity.get(key.split('|')[0]!)! * 1.2).length;
    expect(withinCapacityPlus20 / theirWeeks.length).toBeGreaterThan(0.9);
  });

  it('fills the team to 60–100% of its capacity over the year, with a small overtime share', () => {
    let hours = 0;
    let overtime = 0;
    for (const [key, logged] of weeks) {
      hours += logged;
      overtime += Math.max(0, logged - capacity.get(key.split('|')[0]!)!);
    }
    const members = org.people.filter((person) => person.role === 'member');
    const yearCapacity = members.reduce((sum, person) => sum + capacity.get(person.id)!, 0) * 52;
    expect(hours / yearCapacity).toBeGreaterThan(0.6);
    expect(hours / yearCapacity).toBeLessThan(1);
    expect(overtime / hours).toBeGreaterThan(0.01);
    expect(overtime / hours).toBeLessThan(0.15);
  });

  it('reopens some work, more for the fast-over-budget PM than for the steady one', () => {
    const pms = org.people.filter((person) => person.role === 'pm');
    for (const pm of pms) {
      const tasks = pmTasks(org, pm.persona!);
      if (tasks.length < 200) continue;
      expect(reopenRatio(tasks), pm.persona).toBeGreaterThan(0);
      expect(reopenRatio(tasks), pm.persona).toBeLessThan(0.2);
    }
    expect(reopenRatio(pmTasks(org, 'fast-over-budget'))).toBeGreaterThan(reopenRatio(pmTasks(org, 'steady')) + 0.05);
  });

  it('has milestones with due dates, some hit and some missed', () => {
    const milestones = org.tasks.filter((task) => task.type === 'Milestone');
    expect(milestones.length).toBeGreaterThan(100);
    expect(milestones.every((task) => task.dueOn !== null)).toBe(true);
    const done = milestones.filter((task) => task.doneAt !== null);
    const hit = done.filter((task) => new Date(task.doneAt!).toISOString().slice(0, 10) <= task.dueOn!).length;
    expect(hit).toBeGreaterThan(0);
    expect(hit).toBeLessThan(done.length);
  });

  it('keeps every wait in Blocked or In Review under 30 days', () => {
    let longest = 0;
    for (const task of org.tasks) {
      const changes = [...task.history].sort((a, b) => a.at - b.at);
      changes.forEach((change, i) => {
        if (change.to !== 'Blocked' && change.to !== 'In Review') return;
        const end = changes[i + 1]?.at ?? org.now;
        longest = Math.max(longest, end - change.at);
      });
    }
    expect(longest).toBeGreaterThan(HOUR);
    expect(longest).toBeLessThan(30 * DAY);
  });

  it('lists everyone who appears in the records in the config, with their Jira and Asana ids', () => {
    const config = demoPeople(org);
    const aliases = new Set(config.flatMap((entry) => entry.aliases));
    expect(aliases.size).toBe(config.length * 2);
    const byId = new Map(org.people.map((person) => [person.id, person]));
    const seen = new Set<string>();
    for (const log of org.worklogs) seen.add(log.personId);
    for (const task of org.tasks) {
      seen.add(task.reporterId);
      if (task.assigneeId) seen.add(task.assigneeId);
      for (const change of task.history) seen.add(change.authorId);
    }
    for (const project of org.projects) seen.add(project.pmId);
    for (const id of seen) {
      const person = byId.get(id)!;
      expect(aliases.has(`jira:${person.jiraAccountId}`)).toBe(true);
      expect(aliases.has(`asana:${person.asanaGid}`)).toBe(true);
    }
    const partTimer = org.people.find((person) => person.capacityHoursPerWeek === 20 || person.capacityHoursPerWeek === 24);
    if (partTimer) expect(config.find((entry) => entry.email === partTimer.email)?.capacityHoursPerWeek).toBe(partTimer.capacityHoursPerWeek);
  });
});
