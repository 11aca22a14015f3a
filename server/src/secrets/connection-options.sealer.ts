import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CONNECTION_OPTIONS_CONTEXT } from './connection-options.codec';
import { ConnectionSecretsRepository } from './connection-secrets.repository';
import { SecretBox } from './secret-box.service';

/** At start, encrypts connection options still stored as plain JSON (databases from before encryption). */
@Injectable()
export class ConnectionOptionsSealer implements OnApplicationBootstrap {
  private readonly logger = new Logger('Secrets');

  constructor(
    private readonly box: SecretBox,
    private readonly rows: ConnectionSecretsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealPlainOptions();
    if (sealed > 0) this.logger.log(`encrypted the stored options of ${sealed} connection(s) with the key from ${this.box.source}`);
  }

  /** Returns how many rows it sealed. */
  async sealPlainOptions(): Promise<number> {
    const plain = await this.rows.plainRows('enc:');
    for (const row of plain) {
      JSON.parse(row.options); // a row that is not JSON is left for the repository to report
      await this.rows.replace(row.id, row.options, this.box.seal(row.options, CONNECTION_OPTIONS_CONTEXT));
    }
    return plain.length;
  }
}
