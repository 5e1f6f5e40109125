import { Option, type Command } from 'commander';
import { UsageError } from '../../../core/errors.js';
import type { AddChannelInput } from '../../../services/channel-connect.js';
import type { Output } from '../../../ui/output.js';
import { contextOf } from '../../context.js';
import { jsonOption } from '../../options.js';
import { parseChannel } from '../../parse.js';
import { readSecret } from '../../read-secret.js';
import { group } from '../groups.js';

interface AddFlags {
  token?: string;
  tokenStdin?: boolean;
  appKey?: string;
  appSecret?: string;
  appSecretStdin?: boolean;
  authCode?: string;
  accessToken?: string;
  shopCipher?: string;
  verify: boolean;
  json?: boolean;
}

async function whatnotInput(f: AddFlags, out: Output): Promise<AddChannelInput> {
  const token = await readSecret({ value: f.token, stdin: f.tokenStdin, prompt: 'Whatnot API token (hidden):' });
  if (!token)
    throw new UsageError('The Whatnot token is empty.', {
      hint: 'Pass --token-stdin and pipe it in, or run this in a terminal to be asked.',
    });
  out.redactor.add(token);
  return { channel: 'whatnot', token, verify: f.verify };
}

async function tiktokInput(f: AddFlags, out: Output): Promise<AddChannelInput> {
  const appKey =
    f.appKey ??
    (process.stdin.isTTY
      ? (await (await import('@inquirer/prompts')).input({ message: 'TikTok app key:' })).trim()
      : '');
  if (!appKey)
    throw new UsageError('TikTok needs --app-key.', { hint: 'It is on your app page in TikTok Shop Partner Center.' });
  const appSecret = await readSecret({
    value: f.appSecret,
    stdin: f.appSecretStdin,
    prompt: 'TikTok app secret (hidden):',
  });
  if (!appSecret)
    throw new UsageError('TikTok needs the app secret: --app-secret-stdin, or run in a terminal to be asked.');
  out.redactor.add(appSecret, f.accessToken, f.authCode);
  return {
    channel: 'tiktok',
    appKey,
    appSecret,
    verify: f.verify,
    ...(f.accessToken ? { accessToken: f.accessToken } : {}),
    ...(f.authCode ? { authCode: f.authCode } : {}),
    ...(f.shopCipher ? { shopCipher: f.shopCipher } : {}),
  };
}

export function registerChannelAdd(program: Command): void {
  group(program, 'channel')
    .command('add <channel>')
    .description(
      'connect whatnot (API token) or tiktok (app key/secret + auth code or access token); checked before saving',
    )
    .option('--token <token>', 'whatnot: API token (better: --token-stdin or the hidden prompt)')
    .option('--token-stdin', 'whatnot: read the token from standard input')
    .option('--app-key <key>', 'tiktok: app key')
    .option('--app-secret <secret>', 'tiktok: app secret (better: --app-secret-stdin or the hidden prompt)')
    .option('--app-secret-stdin', 'tiktok: read the app secret from standard input')
    .option('--auth-code <code>', 'tiktok: the code from the authorisation redirect; exchanged for tokens')
    .option('--access-token <token>', 'tiktok: an access token you already have')
    .option('--shop-cipher <cipher>', 'tiktok: shop cipher (discovered when left out)')
    .addOption(new Option('--no-verify', 'save without checking with the platform'))
    .addOption(jsonOption())
    .action(async (name: string, f: AddFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const channel = parseChannel(name);
      const config = ctx.config();
      const { addChannel } = await import('../../../services/channel-connect.js');
      const input = channel === 'whatnot' ? await whatnotInput(f, ctx.out) : await tiktokInput(f, ctx.out);
      const info = await addChannel(config, input, { env: process.env });
      ctx.out.redactor.add(...config.allSecretValues());
      if (f.json) return ctx.out.json(info);
      ctx.out.line(
        `${channel === 'whatnot' ? 'Whatnot' : 'TikTok Shop'} connected${f.verify ? ' (checked with the platform)' : ''}. Secrets are in ${config.secretsPath} (readable by you only).`,
      );
      for (const [k, v] of Object.entries(info.details)) ctx.out.line(`  ${k}: ${v}`);
    });
}
