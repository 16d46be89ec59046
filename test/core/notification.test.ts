import { renderWebhookBody } from '../../src/core/notification.js';
import { notificationFromResult, readStepResult } from '../../src/core/result-notification.js';

describe('a notification as a Slack-compatible webhook body', () => {
  it('a started deploy gets the rocket, a blue bar, its title linked and its fields', () => {
    const body = renderWebhookBody({
      title: 'Production deploy started',
      text: 'Promoting 3 pull requests',
      status: 'started',
      url: 'https://github.example/octo-org/app/actions/runs/1',
      fields: [
        { title: 'Tag', value: 'production-2024-05-01' },
        { title: 'Pull requests', value: '#1, #2, #3' },
      ],
    });
    expect(body).toEqual({
      text: ':rocket: Production deploy started',
      attachments: [
        {
          fallback: 'Production deploy started',
          color: '#1d76db',
          title: 'Production deploy started',
          title_link: 'https://github.example/octo-org/app/actions/runs/1',
          text: 'Promoting 3 pull requests',
          fields: [
            { title: 'Tag', value: 'production-2024-05-01', short: true },
            { title: 'Pull requests', value: '#1, #2, #3', short: true },
          ],
        },
      ],
    });
  });

  it('without a title the first line of the text is the headline and the rest the body', () => {
    const body = renderWebhookBody({ text: 'Deploy failed\nThe train stopped at #12.', status: 'failed' });
    expect(body.text).toBe(':x: Deploy failed');
    expect(body.attachments[0]).toMatchObject({ color: '#d40e0d', text: 'The train stopped at #12.' });
    expect(body.attachments[0]!.title).toBeUndefined();
  });

  it("Slack's control characters are escaped so text cannot forge links or mentions", () => {
    const body = renderWebhookBody({ text: 'a <!channel> & <https://evil|click>' });
    expect(body.text).toBe('a &lt;!channel&gt; &amp; &lt;https://evil|click&gt;');
  });

  it('empty fields are left out and long values are not side by side', () => {
    const body = renderWebhookBody({
      text: 'x',
      fields: [
        { title: 'Empty', value: '' },
        { title: 'Notes', value: 'a'.repeat(80) },
      ],
    });
    expect(body.attachments[0]!.fields).toEqual([{ title: 'Notes', value: 'a'.repeat(80), short: false }]);
  });
});

describe("a notification from a previous step's result", () => {
  it('a refused promotion reads as failed with its reason and details', () => {
    const reading = readStepResult(
      JSON.stringify({
        schema: 1,
        action: 'promote',
        ok: false,
        reason_code: 'train-blocked',
        message: '#123 is in testing; 4 ready PRs wait behind it.',
        dry_run: false,
        tag: 'production-2024-05-01',
        prs: [1, 2],
      }),
    );
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(notificationFromResult(reading.result, 'https://run')).toEqual({
      title: 'release-train promote failed',
      text: '#123 is in testing; 4 ready PRs wait behind it.',
      status: 'failed',
      url: 'https://run',
      fields: [
        { title: 'Reason', value: 'train-blocked' },
        { title: 'Tag', value: 'production-2024-05-01' },
      ],
    });
  });

  it('something that is not a result is named as such', () => {
    expect(readStepResult('{"ok":true}')).toEqual({
      ok: false,
      problem: 'its schema is undefined, expected 1',
    });
    expect(readStepResult('nope')).toMatchObject({ ok: false, problem: expect.stringMatching(/not JSON/) });
  });
});
