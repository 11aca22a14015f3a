/** API requests used and allowed in the vendor's current window (a day for Salesforce and HubSpot). */
export interface ApiUsage {
  used: number;
  limit: number;
}

export function formatApiUsage(usage: ApiUsage | null): string {
  return usage ? `${usage.used}/${usage.limit} API requests used today` : 'API usage not reported';
}
