import { isReleaseTrainError } from '../../action/failure.js';
import type { Notification, NotificationField } from '../../core/notification.js';
import { sendNotification } from '../../notify/webhook.js';
import type { Deploy } from './deploy.js';
import type { Promotion } from './promotion.js';

export type Moment = 'started' | 'succeeded' | 'failed';

/** The team hears of a deploy: what goes out, where it stands, and the run to look at. */
export function deployNotification(
  p: Promotion,
  deploy: Deploy,
  moment: Moment,
  error?: unknown,
): Notification {
  const prs = deploy.pullRequests.map((number) => `#${number}`).join(' ') || 'none';
  const where = `${p.repo.owner}/${p.repo.repo}${p.component ? ` (${p.component})` : ''}`;
  const title = {
    started: `Production deploy ${deploy.tag} of ${where} started`,
    succeeded: `Production deploy ${deploy.tag} of ${where} finished`,
    failed: `Production deploy ${deploy.tag} of ${where} failed${deploy.failedAt ? ` at ${deploy.failedAt}` : ''}`,
  }[moment];
  const fields: NotificationField[] = [
    { title: 'Tag', value: deploy.tag },
    { title: 'Commit', value: deploy.deployed.slice(0, 7) },
    { title: 'Pull requests', value: prs, short: false },
  ];
  if (deploy.release) fields.push({ title: 'Release', value: deploy.release.url, short: false });
  const reason =
    error === undefined
      ? ''
      : `${isReleaseTrainError(error) ? `[${error.reasonCode}] ` : ''}${error instanceof Error ? error.message : String(error)}`;
  return {
    status: moment,
    title,
    text: moment === 'failed' ? reason : `Pull requests: ${prs}`,
    fields,
    ...(p.runUrl ? { url: p.runUrl } : {}),
  };
}

/**
 * Sends a notification when a webhook is configured. A chat outage must not fail a deploy that
 * went out, so a refusal is logged as a warning and the deploy carries on.
 */
export async function announce(
  p: Promotion,
  webhookUrl: string | undefined,
  deploy: Deploy,
  moment: Moment,
  warn: (message: string) => void,
  error?: unknown,
): Promise<boolean> {
  if (!webhookUrl) return false;
  try {
    await sendNotification(webhookUrl, deployNotification(p, deploy, moment, error), { log: p.log });
    return true;
  } catch (failure) {
    warn(`The ${moment} notification was not delivered: ${(failure as Error).message}`);
    return false;
  }
}
