import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { CacheService } from './cache.service';

/** The one cache (CacheService): regions of values kept per tag, invalidated by writers by tag name. */
@Module({
  imports: [DatabaseModule],
  providers: [CacheService],
  exports: [CacheService],
})
export class CacheModule {}
