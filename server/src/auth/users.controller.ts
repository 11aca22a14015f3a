import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AccountViewSchema,
  AssignableDepartmentsResponseSchema,
  CreateAccountRequestSchema,
  CreatedAccountResponseSchema,
  UpdateAccountRequestSchema,
  type AccountView,
  type AssignableDepartmentsResponse,
  type CreatedAccountResponse,
  type UpdateAccountRequest,
} from '@uptake/shared';
import type { Request } from 'express';
import { z } from 'zod';
import { AccountService, toAccountView } from '../auth/account.service';
import { actorOf, clientIp, principalOf, type Principal } from '../auth/principal';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';

/** Accounts and roles (admins only, see route-policy.ts). */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountService) {}

  @Get()
  @ApiOkResponse({
    description: 'Every account with its role and departments (never a password or hash).',
    schema: openApiSchema(z.array(AccountViewSchema)),
  })
  async list(): Promise<AccountView[]> {
    return (await this.accounts.list()).map(toAccountView);
  }

  @Get('departments')
  @ApiOkResponse({
    description:
      "Departments a trainer may be assigned: those of the launch plan in force and of the CRM data (imported users' departments), sorted. Other names are refused by POST and PATCH.",
    schema: openApiSchema(AssignableDepartmentsResponseSchema),
  })
  async departments(): Promise<AssignableDepartmentsResponse> {
    return { departments: await this.accounts.assignableDepartments() };
  }

  @Post()
  @ApiBody({ schema: openApiSchema(CreateAccountRequestSchema) })
  @ApiCreatedResponse({
    description: 'The new account; a generated password is returned this once when none was given. 409 ACCOUNT_EXISTS.',
    schema: openApiSchema(CreatedAccountResponseSchema),
  })
  async create(
    @Body(new ZodValidationPipe(CreateAccountRequestSchema, 'body')) body: z.output<typeof CreateAccountRequestSchema>,
    @Req() request: Request,
  ): Promise<CreatedAccountResponse> {
    const { account, generatedPassword } = await this.accounts.create(body, actorOf(principalOf(request) as Principal, clientIp(request)));
    return { account: toAccountView(account), generatedPassword };
  }

  @Patch(':id')
  @ApiBody({ schema: openApiSchema(UpdateAccountRequestSchema) })
  @ApiOkResponse({
    description: 'The account after the change. 404 ACCOUNT_NOT_FOUND; 409 LAST_ADMIN.',
    schema: openApiSchema(AccountViewSchema),
  })
  async update(
    @Param('id', ParseIntPipe) id: number,
    @Body(new ZodValidationPipe(UpdateAccountRequestSchema, 'body')) body: UpdateAccountRequest,
    @Req() request: Request,
  ): Promise<AccountView> {
    return toAccountView(await this.accounts.update(id, body, actorOf(principalOf(request) as Principal, clientIp(request))));
  }
}
