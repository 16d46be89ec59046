/**
 * A chat notification (the runbook's "notify the team") and how it looks as a Slack-compatible
 * incoming-webhook body. Slack, Mattermost and Rocket.Chat all accept `text` plus legacy
 * `attachments` (colour bar, title with link, text, fields), so that is the whole body: Block Kit
 * `blocks` would be ignored by Mattermost and Rocket.Chat, and would show twice in Slack.
 */

export type NotificationStatus = 'started' | 'succeeded' | 'failed';

export const notificationStatuses: readonly NotificationStatus[] = ['started', 'succeeded', 'failed'];

export interface NotificationField {
  title: string;
  value: string;
  /** Short fields sit side by side. Defaults to true when the value is short. */
  short?: boolean;
}

export interface Notification {
  text: string;
  title?: string;
  fields?: NotificationField[];
  status?: NotificationStatus;
  /** Where the title links to (the workflow run, the release, the status page). */
  url?: string;
}

export interface WebhookAttachment {
  fallback: string;
  color?: string;
  title?: string;
  title_link?: string;
  text?: string;
  fields?: { title: string; value: string; short: boolean }[];
}

export interface WebhookBody {
  text: string;
  attachments: WebhookAttachment[];
}

const statusLook: Record<NotificationStatus, { emoji: string; color: string }> = {
  started: { emoji: ':rocket:', color: '#1d76db' },
  succeeded: { emoji: ':white_check_mark:', color: '#2eb886' },
  failed: { emoji: ':x:', color: '#d40e0d' },
};

/** Slack reads `&`, `<` and `>` as control characters; Mattermost and Rocket.Chat render the entities. */
export function escapeChatText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack truncates long attachment texts anyway; keeping them bounded keeps bodies small. */
const maxTextLength = 3000;
const maxFieldLength = 500;
const maxFields = 20;

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export function renderWebhookBody(notification: Notification): WebhookBody {
  const look = notification.status ? statusLook[notification.status] : undefined;
  const headline = clip(notification.title ?? firstLine(notification.text), 300);
  const text = `${look ? `${look.emoji} ` : ''}${escapeChatText(headline)}`;
  const attachment: WebhookAttachment = { fallback: escapeChatText(headline) };
  if (look) attachment.color = look.color;
  if (notification.title !== undefined) attachment.title = escapeChatText(notification.title);
  if (notification.url) {
    attachment.title_link = notification.url;
    attachment.title ??= escapeChatText(headline);
  }
  const body = notification.title !== undefined ? notification.text : restAfterFirstLine(notification.text);
  if (body.trim() !== '') attachment.text = escapeChatText(clip(body.trim(), maxTextLength));
  const fields = (notification.fields ?? [])
    .filter((field) => field.title.trim() !== '' && field.value.trim() !== '')
    .slice(0, maxFields);
  if (fields.length > 0) {
    attachment.fields = fields.map((field) => ({
      title: escapeChatText(field.title),
      value: escapeChatText(clip(field.value, maxFieldLength)),
      short: field.short ?? (field.value.length <= 40 && !field.value.includes('\n')),
    }));
  }
  return { text, attachments: [attachment] };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}

function restAfterFirstLine(text: string): string {
  const at = text.indexOf('\n');
  return at === -1 ? '' : text.slice(at + 1);
}
