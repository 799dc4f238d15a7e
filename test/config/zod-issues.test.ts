import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { issueLines, keyedIssues } from '../../functions/runtime/zod-issues.ts';

describe('one wording of validation problems', () => {
  const schema = z.object({ sources: z.array(z.object({ baseUrl: z.url() })), 'odd key': z.number() });
  const error = schema.safeParse({ sources: [{ baseUrl: 'https://a.example' }, { baseUrl: 'nope' }], 'odd key': 'x' }).error!;

  it('writes each issue as key path: message, paths as z.prettifyError prints them', () => {
    const lines = issueLines(error);
    expect(lines).toHaveLength(2);
    expect(lines).toContain('sources[1].baseUrl: Invalid URL');
    expect(lines.find((line) => line.startsWith('["odd key"]: '))).toBeDefined();
    // The same paths as zod's own pretty print, line for line.
    for (const { path } of keyedIssues(error)) expect(z.prettifyError(error)).toContain(`→ at ${path}`);
  });

  it('names the whole value (root) by a word the caller chooses, and cuts long lists with a count', () => {
    const whole = z.string().safeParse(3).error!;
    expect(issueLines(whole)).toEqual(['(root): Invalid input: expected string, received number']);
    expect(issueLines(whole, { root: '(event)' })[0]).toMatch(/^\(event\): /);
    const many = z.array(z.number()).safeParse(['a', 'b', 'c', 'd']).error!;
    expect(issueLines(many, { limit: 2 })).toEqual(['[0]: Invalid input: expected number, received string', '[1]: Invalid input: expected number, received string', '(+2 more)']);
  });
});
