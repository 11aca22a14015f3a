import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AlertRunResultSchema,
  AlertsListQuerySchema,
  AlertsResponseSchema,
  AlertSubscriptionSchema,
  AlertSubscriptionUpdateSchema,
  UnsubscribeQuerySchema,
  WebhookCreateRequestSchema,
  WebhooksResponseSchema,
  WebhookViewSchema,
  type AlertRunResult,
  type AlertsResponse,
  type AlertSubscription,
  type AlertSubscriptionUpdate,
  type WebhookCreateRequest,
  type WebhooksResponse,
  type WebhookView,
} from '@uptake/shared';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { principalOf, type Principal } from '../auth/principal';
import { UptakeError } from '../common/error-codes';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { AlertSubscriptionService } from './alert-subscription.service';
import { AlertWebhookService } from './alert-webhook.service';
import { AlertsService } from './alerts.service';

function signedIn(request: Request): Principal {
  const principal = principalOf(request);
  if (!principal) throw new UptakeError('UNAUTHENTICATED', 'sign in first');
  return principal;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly webhooks: AlertWebhookService,
    private readonly subscriptions: AlertSubscriptionService,
  ) {}

  @Get()
  @ApiOkResponse({
    description:
      'Open and closed alerts, newest first, with their delivery status, and the rules in force. Cut to what the role may see: small groups hidden, trainers their departments only, sync alerts admins only.',
    schema: openApiSchema(AlertsResponseSchema),
  })
  list(
    @Req() request: Request,
    @Query(new ZodValidationPipe(AlertsListQuerySchema)) query: z.output<typeof AlertsListQuerySchema>,
  ): Promise<AlertsResponse> {
    const principal = signedIn(request);
    return this.alerts.list({ accountId: principal.accountId, role: principal.role, departments: principal.departments }, query);
  }

  @Post('run')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Evaluates the rules now and sends what the outbox holds.', schema: openApiSchema(AlertRunResultSchema) })
  run(): Promise<AlertRunResult> {
    return this.alerts.run();
  }

  @Get('webhooks')
  @ApiOkResponse({
    description: 'Webhooks alerts are posted to (URLs shortened: they hold a token).',
    schema: openApiSchema(WebhooksResponseSchema),
  })
  async listWebhooks(): Promise<WebhooksResponse> {
    return { webhooks: await this.webhooks.list() };
  }

  @Post('webhooks')
  @ApiBody({ schema: openApiSchema(WebhookCreateRequestSchema) })
  @ApiOkResponse({ schema: openApiSchema(WebhookViewSchema) })
  addWebhook(@Body() body: WebhookCreateRequest): Promise<WebhookView> {
    const { createdBy, ...webhook } = body;
    return this.webhooks.add(webhook, createdBy ?? 'api');
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  async removeWebhook(@Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.webhooks.remove(id);
  }

  @Get('subscription')
  @ApiOkResponse({ description: 'What the signed-in account receives by email.', schema: openApiSchema(AlertSubscriptionSchema) })
  subscription(@Req() request: Request): Promise<AlertSubscription> {
    return this.subscriptions.get(signedIn(request).accountId);
  }

  @Put('subscription')
  @ApiBody({ schema: openApiSchema(AlertSubscriptionUpdateSchema) })
  @ApiOkResponse({ schema: openApiSchema(AlertSubscriptionSchema) })
  saveSubscription(@Req() request: Request, @Body() body: AlertSubscriptionUpdate): Promise<AlertSubscription> {
    return this.subscriptions.save(signedIn(request).accountId, body);
  }

  /** The unsubscribe link of an email: a page with one button (a link preview or mail scanner must not unsubscribe anyone). */
  @Get('unsubscribe')
  unsubscribePage(@Query(new ZodValidationPipe(UnsubscribeQuerySchema)) query: { token: string }, @Res() response: Response): void {
    const action = `?token=${encodeURIComponent(query.token)}`;
    response
      .type('html')
      .send(
        page(
          'Stop alert emails',
          `<p>Stop the alert emails Uptake sends you? You can subscribe again on the Alerts page.</p><form method="post" action="${escapeHtml(action)}"><button type="submit">Unsubscribe</button></form>`,
        ),
      );
  }

  /** Unsubscribes (the page's button, or a mail client's one-click List-Unsubscribe-Post). */
  @Post('unsubscribe')
  @HttpCode(200)
  async unsubscribe(
    @Query(new ZodValidationPipe(UnsubscribeQuerySchema)) query: { token: string },
    @Res() response: Response,
  ): Promise<void> {
    try {
      const { email } = await this.subscriptions.unsubscribe(query.token);
      response.type('html').send(page('Unsubscribed', `<p>${escapeHtml(email)} no longer receives alert emails.</p>`));
    } catch (error) {
      if (!(error instanceof UptakeError) || error.code !== 'ALERT_TOKEN_INVALID') throw error;
      response
        .status(400)
        .type('html')
        .send(page('Link not valid', `<p>${escapeHtml(error.message)}</p>`));
    }
  }
}
