import { logLevelsFrom, UptakeLogger } from './uptake-logger';

describe(UptakeLogger.name, () => {
  let written: string[];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    written = [];
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  });
  afterEach(() => spy.mockRestore());

  it("prints Uptake's lines and leaves Nest's route and module mappings to the debug level", () => {
    const sut = new UptakeLogger('log');
    sut.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    sut.log('HealthController {/api/health}:', 'RoutesResolver');
    sut.log('AppModule dependencies initialized', 'InstanceLoader');
    sut.log('Uptake is ready', 'Uptake');
    expect(written.join('')).toContain('Uptake is ready');
    expect(written.join('')).not.toContain('Mapped');
    expect(written.join('')).not.toContain('dependencies initialized');
    expect(written.join('')).not.toContain('HealthController');
  });

  it('shows the route mappings at UPTAKE_LOG_LEVEL=debug', () => {
    new UptakeLogger('debug').log('Mapped {/api/health, GET} route', 'RouterExplorer');
    expect(written.join('')).toContain('Mapped {/api/health, GET} route');
  });

  it('turns a level into it and every more severe level', () => {
    expect(logLevelsFrom('log')).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(logLevelsFrom('error')).toEqual(['fatal', 'error']);
  });
});
