import { utils } from 'ssh2';
import { ReleaseTrainError } from '../action/failure.js';
import { fingerprintOf } from '../core/host-key-pin.js';

/** A private key read once at the edge: its public fingerprint, and whether it needs a passphrase. */
export interface PrivateKeyInfo {
  type: string;
  fingerprint: string;
}

export function readPrivateKey(input: string, text: string, passphrase?: string): PrivateKeyInfo {
  const parsed = utils.parseKey(text, passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) {
    const why = key instanceof Error ? key.message : 'no key found';
    const hint = /passphrase|encrypted/i.test(why)
      ? ' It is passphrase-protected: give the passphrase, or (for agent-key) a key without one, since ssh-add cannot ask for it.'
      : '';
    throw new ReleaseTrainError(
      input === 'agent-key' ? 'bad-recipe-input' : 'bad-input',
      `input \`${input}\` is not a usable private key (${why}).${hint} Its value is not printed. Nothing was sent.`,
    );
  }
  if (!key.isPrivateKey()) {
    throw new ReleaseTrainError(
      input === 'agent-key' ? 'bad-recipe-input' : 'bad-input',
      `input \`${input}\` holds a public key; give the private key. Nothing was sent.`,
    );
  }
  return { type: key.type, fingerprint: fingerprintOf(key.getPublicSSH()) };
}

/** Registers every line of a multi-line secret, since the runner masks line by line. */
export function secretLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 8 && !/^-----(BEGIN|END) /.test(line));
}
