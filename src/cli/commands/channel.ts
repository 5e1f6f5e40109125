import { Option, type Command } from 'commander';
import { isChannel } from '../../core/channel-types.js';
import { UsageError } from '../../core/errors.js';
import { contextOf } from '../context.js';
import { table } from '../../ui/output.js';
import { jsonOption } from '../options.js';
import { readSecret } from '../read-secret.js';

export function registerChannel(program: Command): void {
  const channel = program
    .command('channel')
    .description('selling channels: TikTok Shop and Whatnot API credentials (kept secret)');
  channel
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
    .action(
      async (
        name: string,
        f: {
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
        },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        if (!isChannel(name)) throw new UsageError(`Unknown channel "${name}": use whatnot or tiktok.`);
        const config = ctx.config();
        const { addChannel } = await import('../../services/channel-connect.js');
        let info: Awaited<ReturnType<typeof addChannel>>;
        if (name === 'whatnot') {
          const token = await readSecret({
            value: f.token,
            stdin: f.tokenStdin,
            prompt: 'Whatnot API token (hidden):',
          });
          if (!token)
            throw new UsageError('The Whatnot token is empty.', {
              hint: 'Pass --token-stdin and pipe it in, or run this in a terminal to be asked.',
            });
          ctx.out.redactor.add(token);
          info = await addChannel(config, { channel: 'whatnot', token, verify: f.verify }, { env: process.env });
        } else {
          const appKey =
            f.appKey ??
            (process.stdin.isTTY
              ? (await (await import('@inquirer/prompts')).input({ message: 'TikTok app key:' })).trim()
              : '');
          if (!appKey)
            throw new UsageError('TikTok needs --app-key.', {
              hint: 'It is on your app page in TikTok Shop Partner Center.',
            });
          const appSecret = await readSecret({
            value: f.appSecret,
            stdin: f.appSecretStdin,
            prompt: 'TikTok app secret (hidden):',
          });
          if (!appSecret)
            throw new UsageError('TikTok needs the app secret: --app-secret-stdin, or run in a terminal to be asked.');
          ctx.out.redactor.add(appSecret, f.accessToken, f.authCode);
          info = await addChannel(
            config,
            {
              channel: 'tiktok',
              appKey,
              appSecret,
              verify: f.verify,
              ...(f.accessToken ? { accessToken: f.accessToken } : {}),
              ...(f.authCode ? { authCode: f.authCode } : {}),
              ...(f.shopCipher ? { shopCipher: f.shopCipher } : {}),
            },
            { env: process.env },
          );
        }
        ctx.out.redactor.add(...config.allSecretValues());
        if (f.json) return ctx.out.json(info);
        ctx.out.line(
          `${name === 'whatnot' ? 'Whatnot' : 'TikTok Shop'} connected${f.verify ? ' (checked with the platform)' : ''}. Secrets are in ${config.secretsPath} (readable by you only).`,
        );
        for (const [k, v] of Object.entries(info.details)) ctx.out.line(`  ${k}: ${v}`);
      },
    );
  channel
    .command('list')
    .description('which channels are connected (secrets masked)')
    .addOption(jsonOption())
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { describeChannels, channelSecretValues } = await import('../../services/channel-connect.js');
      const config = ctx.config();
      ctx.out.redactor.add(...channelSecretValues(config, process.env));
      const infos = describeChannels(config, process.env);
      if (f.json) return ctx.out.json({ channels: infos });
      ctx.out.line(
        table(
          ['Channel', 'Connected', 'From', 'Details'],
          infos.map((i) => [
            i.channel,
            i.configured ? 'yes' : 'no',
            i.source,
            Object.entries(i.details)
              .map(([k, v]) => `${k}=${v}`)
              .join('  '),
          ]),
        ),
      );
      if (!infos.some((i) => i.configured))
        ctx.out.line(
          'Connect one: lotcast channel add whatnot --token-stdin   or   lotcast channel add tiktok --app-key K --app-secret-stdin --auth-code C',
        );
    });
  channel
    .command('shows')
    .description('your Whatnot shows (scheduled, live, past), to line a lotcast plan up with them')
    .addOption(jsonOption())
    .action(async (f: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { whatnotClient, channelSecretValues } = await import('../../services/channel-connect.js');
      const config = ctx.config();
      ctx.out.redactor.add(...channelSecretValues(config, process.env));
      const shows = await whatnotClient(config, { env: process.env }).listShows();
      if (f.json) return ctx.out.json({ shows });
      if (!shows.length) return ctx.out.line('No shows on Whatnot yet: schedule one in the app or Seller Hub.');
      ctx.out.line(
        table(
          ['Show', 'Title', 'Status', 'Starts'],
          shows.map((s) => [s.id, s.title ?? '', s.status ?? '', s.starts_at ?? '']),
        ),
      );
    });
  channel
    .command('remove <channel>')
    .description("forget a channel's credentials")
    .action(async (name: string, _f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (!isChannel(name)) throw new UsageError(`Unknown channel "${name}": use whatnot or tiktok.`);
      const { removeChannel } = await import('../../services/channel-connect.js');
      const had = removeChannel(ctx.config(), name);
      ctx.out.line(had ? `${name} disconnected; its credentials are deleted.` : `${name} was not connected.`);
    });
}
