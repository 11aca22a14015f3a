import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { unclassifiedRoutes, type ExpressLike } from './route-inventory.util';

/** At start, names every route missing from ROUTE_POLICIES (such a route answers admins only). */
@Injectable()
export class RoutePolicyCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(private readonly adapter: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const express = this.adapter.httpAdapter?.getInstance<ExpressLike>();
    if (!express) return;
    const { unclassified } = unclassifiedRoutes(express);
    if (unclassified.length > 0) {
      this.logger.warn(
        `routes missing from ROUTE_POLICIES (server/src/auth/route-policy.ts), answered for admins only: ${unclassified.join(', ')}`,
      );
    }
  }
}
