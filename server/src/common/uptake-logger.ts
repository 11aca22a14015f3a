import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** Nest's start-up chatter (one line per module and per route, ~60 in all): debug output, not shown by default. */
const FRAMEWORK_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** The levels printed at UPTAKE_LOG_LEVEL: that level and every more severe one. */
export function logLevelsFrom(level: LogLevel): LogLevel[] {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(level) + 1);
}

/** The server's console logger: Uptake's own lines at their level, Nest's module and route mappings at debug. */
export class UptakeLogger extends ConsoleLogger {
  constructor(level: LogLevel) {
    super({ logLevels: logLevelsFrom(level) });
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : this.context;
    if (context !== undefined && FRAMEWORK_CONTEXTS.has(context)) this.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}
