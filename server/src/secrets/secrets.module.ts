import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/app.config';
import { envValue } from '../config/environment';
import { DatabaseModule } from '../database/database.module';
import { ConnectionOptionsSealer } from './connection-options.sealer';
import { ConnectionSecretsRepository } from './connection-secrets.repository';
import { SecretBox } from './secret-box.service';
import { resolveSecretKey } from './secret-key.util';

/**
 * The secret box that encrypts CRM credentials at rest. Key: UPTAKE_SECRET_KEY, else the key file
 * UPTAKE_SECRET_KEY_FILE, else `<sqlite file>.key` (PostgreSQL: data/uptake-secret.key), created
 * with mode 0600 on first start.
 */
@Module({
  imports: [DatabaseModule],
  providers: [
    {
      provide: SecretBox,
      useFactory: (config: AppConfig) => {
        const env = process.env;
        const resolved = resolveSecretKey(
          { key: envValue('UPTAKE_SECRET_KEY', env), keyFile: envValue('UPTAKE_SECRET_KEY_FILE', env) },
          config.databaseUrl,
        );
        if (resolved.created && resolved.file) {
          new Logger('Secrets').log(
            `created the secret key file ${resolved.file} (mode 0600): back it up with the database; without it stored CRM credentials cannot be read`,
          );
        }
        return new SecretBox(resolved.key, resolved.source);
      },
      inject: [APP_CONFIG],
    },
    ConnectionSecretsRepository,
    ConnectionOptionsSealer,
  ],
  exports: [SecretBox],
})
export class SecretsModule {}
