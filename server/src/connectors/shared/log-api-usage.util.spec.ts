import { logApiUsage } from './log-api-usage.util';

describe('logApiUsage', () => {
  it('logs the usage prefixed with the CRM name', () => {
    const lines: string[] = [];
    logApiUsage({ log: (line) => lines.push(line) }, 'HubSpot', { used: 120, limit: 250000 });
    expect(lines).toEqual(['HubSpot: 120/250000 API requests used today']);
  });

  it('logs nothing when the CRM reported no usage', () => {
    const lines: string[] = [];
    logApiUsage({ log: (line) => lines.push(line) }, 'Salesforce', null);
    expect(lines).toEqual([]);
  });
});
