import { z } from 'zod';
import { ReleaseTrainError } from '../../action/failure.js';
import { booleanInput, integerInput, linesInput } from '../../action/input-types.js';
import { blocks, code, details, table } from '../../action/markdown.js';
import type { ActionOutcome } from '../../action/result.js';
import type { ActionDefinition } from '../../action/run-action.js';
import { type Notification, type NotificationField, renderWebhookBody } from '../../core/notification.js';
import { notificationFromResult, readStepResult } from '../../core/result-notification.js';
import { maskWebhookUrl, sendNotification } from '../../notify/webhook.js';

const inputs = z.object({
  'webhook-url': z.string().min(1),
  text: z.string().optional(),
  title: z.string().optional(),
  status: z.enum(['started', 'succeeded', 'failed']).optional(),
  fields: linesInput.optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  result: z.string().optional(),
  'max-attempts': integerInput.pipe(z.number().int().min(1).max(10)).default(4),
  'dry-run': booleanInput.default(false),
});

type Inputs = z.output<typeof inputs>;

export const notifyAction: ActionDefinition<typeof inputs> = {
  name: 'notify',
  inputs,
  secrets: ['webhook-url'],
  async main({ inputs, runner, log }): Promise<ActionOutcome> {
    // 1. compose the message: a previous step's result, or text; inputs given here win
    const message = composeMessage(inputs, runner.runUrl);
    const destination = maskWebhookUrl(inputs['webhook-url']);
    // 2. dry run: show what would be posted, post nothing
    if (inputs['dry-run']) {
      return {
        ok: true,
        reasonCode: 'dry-run',
        message: `Dry run: would post "${message.title ?? message.text.split('\n')[0]}" to ${destination}. Nothing was sent.`,
        summary: messageSummary(message, destination, 'not sent (dry run)'),
        details: { destination, sent: false },
      };
    }
    // 3. post it, retrying rate limits and server errors
    const delivery = await sendNotification(inputs['webhook-url'], message, {
      retry: { maxAttempts: inputs['max-attempts'] },
      log: (line) => log.warning(line),
    });
    return {
      ok: true,
      reasonCode: 'ok',
      message: `Posted the notification to ${destination} (HTTP ${delivery.status}, ${delivery.attempts} attempt(s)).`,
      summary: messageSummary(
        message,
        destination,
        `sent (HTTP ${delivery.status}, ${delivery.attempts} attempt(s))`,
      ),
      details: { destination, sent: true, http_status: delivery.status, attempts: delivery.attempts },
    };
  },
};

function composeMessage(inputs: Inputs, runUrl: string): Notification {
  let base: Notification | undefined;
  if (inputs.result !== undefined) {
    const reading = readStepResult(inputs.result);
    if (!reading.ok) {
      throw new ReleaseTrainError(
        'bad-input',
        `input \`result\` is not a release-train result: ${reading.problem}. No message was sent; pass \${{ steps.<id>.outputs.result }}.`,
      );
    }
    base = notificationFromResult(reading.result, runUrl || undefined);
  }
  const text = inputs.text ?? base?.text;
  if (text === undefined || text.trim() === '') {
    throw new ReleaseTrainError(
      'bad-input',
      "Give `text` or a previous step's `result` to notify about. No message was sent.",
    );
  }
  const fields = [...(base?.fields ?? []), ...(inputs.fields ?? []).map(parseField)];
  const title = inputs.title ?? base?.title;
  const status = inputs.status ?? base?.status;
  const url = inputs.url ?? base?.url ?? (runUrl || undefined);
  return {
    text,
    ...(title !== undefined && { title }),
    ...(status !== undefined && { status }),
    ...(fields.length > 0 && { fields }),
    ...(url !== undefined && { url }),
  };
}

function parseField(line: string): NotificationField {
  const at = line.indexOf(':');
  if (at <= 0) {
    throw new ReleaseTrainError(
      'bad-input',
      `input \`fields\`: "${line}" is not "Name: value". No message was sent.`,
    );
  }
  return { title: line.slice(0, at).trim(), value: line.slice(at + 1).trim() };
}

function messageSummary(message: Notification, destination: string, delivery: string): string {
  const rows = [
    ['Destination', destination],
    ['Delivery', delivery],
    ['Status', message.status ?? '(none)'],
    ['Title', message.title ?? '(none)'],
    ['Text', message.text],
    ...(message.fields ?? []).map((field) => [`Field: ${field.title}`, field.value]),
  ];
  return blocks(
    table(['', 'Message'], rows),
    details('Webhook body', code(JSON.stringify(renderWebhookBody(message), null, 2), 'json')),
  );
}
