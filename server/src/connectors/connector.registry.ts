import type { ConnectionKind } from '@uptake/shared';
import { ConnectorError, type CrmConnector } from './connector.port';
import { createCsvConnector } from './csv/csv.connector';
import { createDataverseConnector } from './dataverse/dataverse.connector';
import { createDemoConnector } from './demo/demo.connector';
import { createHubSpotConnector } from './hubspot/hubspot.connector';
import { createMoodleConnector } from './moodle/moodle.connector';
import { createSalesforceConnector } from './salesforce/salesforce.connector';

export type ConnectorOptions = Record<string, string>;
export type ConnectorFactory = (options: ConnectorOptions) => CrmConnector;

const FACTORIES: Record<ConnectionKind, ConnectorFactory> = {
  demo: createDemoConnector,
  csv: createCsvConnector,
  salesforce: (options) => createSalesforceConnector(options),
  hubspot: (options) => createHubSpotConnector(options),
  dataverse: (options) => createDataverseConnector(options),
  moodle: (options) => createMoodleConnector(options),
};

export class UnknownConnectorKindError extends ConnectorError {
  constructor(kind: string) {
    super('CONNECTOR_KIND_UNKNOWN', `unknown connection kind "${kind}" (known: ${knownConnectorKinds().join(', ')})`);
  }
}

export function knownConnectorKinds(): ConnectionKind[] {
  return Object.keys(FACTORIES) as ConnectionKind[];
}

/** Builds the connector for a connection; options are validated by the connector's own schema. */
export function createConnector(kind: string, options: ConnectorOptions): CrmConnector {
  const factory = FACTORIES[kind as ConnectionKind];
  if (!factory) throw new UnknownConnectorKindError(kind);
  return factory(options);
}
