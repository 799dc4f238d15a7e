import { describe, expect, it } from 'vitest';
import { taskUrl } from '../../functions/contract/task-url.ts';
import { taskUrlTemplate } from '../../functions/publish/task-links.ts';

describe('task links of a source', () => {
  it('opens a Jira issue by id on the configured site', () => {
    const template = taskUrlTemplate({ type: 'jira', name: 'jira', baseUrl: 'https://acme.atlassian.net/', email: 'bot@acme.com', tokenEnv: 'JIRA_API_TOKEN' });
    expect(template).toBe('https://acme.atlassian.net/issues/?jql=id%3D{id}');
    expect(taskUrl(template!, '10019', '10000')).toBe('https://acme.atlassian.net/issues/?jql=id%3D10019');
  });

  it('opens an Asana task in the web app, whatever the API base', () => {
    const template = taskUrlTemplate({ type: 'asana', name: 'asana', baseUrl: 'http://127.0.0.1:9000/api/1.0', tokenEnv: 'ASANA_PAT' });
    expect(taskUrl(template!, '1204000000140322', '1204000000003178')).toBe('https://app.asana.com/0/1204000000003178/1204000000140322');
  });

  it('encodes ids, so a hostile id cannot change the address', () => {
    expect(taskUrl('https://x.test/{projectId}/{id}', 'a/../b?c', 'p q')).toBe('https://x.test/p%20q/a%2F..%2Fb%3Fc');
  });
});
