/** The only credentials the demo servers accept. They guard nothing real: the data is generated. */
export const demoCredentials = {
  jira: { email: 'pmo-admin@northwind.example', token: 'demo-jira-api-token' },
  asana: { token: 'demo-asana-personal-access-token' },
} as const;
