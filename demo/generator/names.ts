/** Word lists the demo organisation is made of. */

export const firstNames = [
  'Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam',
  'Maya', 'Nikhil', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wes', 'Xin',
  'Yara', 'Zane', 'Amara', 'Bruno', 'Carmen', 'Dario', 'Eva', 'Felix', 'Gita', 'Hugo', 'Ivy', 'Jae',
] as const;

export const lastNames = [
  'Okafor', 'Lindqvist', 'Moreau', 'Patel', 'Novak', 'Haddad', 'Kim', 'Tanaka', 'Silva', 'Berg',
  'Adeyemi', 'Walsh', 'Costa', 'Iyer', 'Petrova', 'Ruiz', 'Byrne', 'Santos', 'Khalil', 'Murphy',
  'Zhang', 'Fischer', 'Rossi', 'Nakamura', 'Diallo', 'Jensen', 'Kowalski', 'Oliveira', 'Ahmed', 'Weber',
] as const;

export const portfolioSeeds = [
  { id: 'growth', name: 'Growth', description: 'Acquisition, activation and revenue' },
  { id: 'platform', name: 'Platform', description: 'Shared services, data and reliability' },
  { id: 'operations', name: 'Operations', description: 'Internal tooling, finance and support' },
] as const;

/** Project name parts per portfolio: an area and a kind of work, combined without repeats. */
export const projectAreas: Record<string, readonly string[]> = {
  growth: ['Checkout', 'Onboarding', 'Referral', 'Pricing', 'Mobile App', 'Landing Pages', 'Loyalty', 'Trial', 'Marketplace', 'Email Journeys'],
  platform: ['Data Lake', 'API Gateway', 'Auth', 'Observability', 'Kubernetes', 'Search', 'Event Bus', 'Payments Core', 'ML Platform', 'CI Pipeline'],
  operations: ['Support Desk', 'Billing', 'Vendor', 'Finance Close', 'HR Portal', 'Warehouse', 'Procurement', 'Compliance', 'Field Service', 'Reporting'],
};

export const projectKinds = ['Revamp', 'Migration', 'Rollout', 'Automation', 'Upgrade', 'Experiments', 'Rebuild', 'Expansion', 'Hardening', 'Insights'] as const;

export const taskVerbs = [
  'Implement', 'Fix', 'Design', 'Review', 'Migrate', 'Document', 'Test', 'Refactor', 'Update', 'Investigate',
  'Automate', 'Validate', 'Add', 'Remove', 'Tune',
] as const;

export const taskObjects = [
  'login form', 'invoice export', 'search filters', 'retry policy', 'audit log', 'user settings page',
  'rate limiter', 'CSV import', 'notification emails', 'dashboard widgets', 'permissions model',
  'webhook handler', 'release checklist', 'cache layer', 'error budget alerts', 'pricing table',
  'onboarding tour', 'data retention job', 'API pagination', 'mobile deep links', 'SSO settings',
  'billing reconciliation', 'load test', 'feature flags', 'schema migration', 'accessibility fixes',
] as const;

/** Labels that say nothing about strategy: they must not count toward any theme. */
export const noiseLabels = ['frontend', 'backend', 'tech-debt', 'customer-request', 'quick-win', 'needs-design', 'q-planning', 'infra'] as const;

export const componentNames = ['Web', 'API', 'Mobile', 'Data', 'Integrations', 'Admin'] as const;
