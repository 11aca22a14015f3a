import type { INestApplication } from '@nestjs/common';
import { CSRF_HEADER, type Role } from '@uptake/shared';
import request from 'supertest';
import { AccountService, ApiTokenService } from '../../server/test/testing';

/** A supertest agent that holds a session cookie and sends the CSRF header on every request. */
export type SignedInAgent = ReturnType<typeof request.agent>;

/** The password of every account made by these helpers. */
export const TEST_PASSWORD = 'correct horse battery staple';
const TEST_ACTOR = { accountId: null, email: 'test setup', role: null, ip: null };

let made = 0;

export interface TestAccountOptions {
  /** Departments of a trainer. */
  departments?: string[];
  /** Default: `<role>-<n>@example.test`. */
  email?: string;
}

/** Creates the account (unless it exists) straight through AccountService; returns its email. */
export async function ensureAccount(app: INestApplication, role: Role, options: TestAccountOptions = {}): Promise<string> {
  made += 1;
  const email = (options.email ?? `${role}-${made}@example.test`).toLowerCase();
  const accounts = app.get(AccountService);
  if (!(await accounts.findByEmail(email))) {
    await accounts.create({ email, role, departments: options.departments ?? [], password: TEST_PASSWORD }, TEST_ACTOR);
  }
  return email;
}

/**
 * Signs in as a new account of `role` through POST /api/auth/login, like the browser does:
 * the agent keeps the session cookie and sends X-CSRF-Token on every request.
 *   const admin = await loginAs(app, 'admin');
 *   await admin.get('/api/departments').expect(200);
 */
export async function loginAs(app: INestApplication, role: Role, options: TestAccountOptions = {}): Promise<SignedInAgent> {
  const email = await ensureAccount(app, role, options);
  const agent = request.agent(app.getHttpServer());
  const response = await agent.post('/api/auth/login').send({ email, password: TEST_PASSWORD });
  if (response.status !== 200) throw new Error(`login as ${email} answered ${response.status}: ${response.text}`);
  agent.set(CSRF_HEADER, response.body.csrfToken as string);
  return agent;
}

/** Headers of an API client: `Authorization: Bearer <token>` of a new account of `role`. */
export async function bearerFor(app: INestApplication, role: Role, options: TestAccountOptions = {}): Promise<Record<string, string>> {
  const email = await ensureAccount(app, role, options);
  const { token } = await app.get(ApiTokenService).create(email, { label: 'test' }, TEST_ACTOR);
  return { Authorization: `Bearer ${token}` };
}
