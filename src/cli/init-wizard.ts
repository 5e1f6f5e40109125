import type { Channel } from '../core/channel-types.js';
import { isPort, PORT_RANGE } from '../core/port.js';
import { DESTINATION_PRESETS, presetById } from '../core/relay/presets.js';
import type { Settings } from '../adapters/config-store.js';

export interface InitDraft {
  channels: Channel[];
  destinations: Array<{ name: string; preset: string; server?: string | undefined }>;
  keys: Map<string, string>;
  port: number;
  newKey: boolean;
}

/**
 * `lotcast init`'s questions, for whatever the flags left open: channels, destinations and
 * their servers, each stream key (hidden), the ingest port, whether to keep the ingest key.
 */
export async function askSetup(
  draft: InitDraft,
  asked: { channels: boolean; destinations: boolean; port: boolean; ingestKey: boolean },
  current: Settings,
): Promise<InitDraft> {
  const p = await import('@inquirer/prompts');
  const d = { ...draft, keys: new Map(draft.keys) };
  if (asked.channels)
    d.channels = (await p.checkbox({
      message: 'Where do you sell live?',
      choices: [
        { name: 'Whatnot', value: 'whatnot', checked: true },
        { name: 'TikTok Shop', value: 'tiktok', checked: true },
      ],
      required: true,
    })) as Channel[];
  if (asked.destinations) {
    const existing = new Set(current.destinations.map((x) => x.name));
    const picked = await p.checkbox({
      message: 'Which platforms should the relay stream to?',
      choices: DESTINATION_PRESETS.map((pr) => ({
        name: `${pr.label}${existing.has(pr.id) ? ' (set up: pick it to change it)' : ''}`,
        value: pr.id,
        checked: !existing.has(pr.id) && (d.channels as string[]).includes(pr.id),
      })),
    });
    d.destinations = [];
    for (const id of picked) {
      const pr = presetById(id)!;
      const server = await p.input({
        message: `${pr.label} server URL:`,
        default: current.destinations.find((x) => x.name === id)?.server ?? pr.server ?? undefined,
        validate: (v) =>
          /^rtmps?:\/\/[^/]+\/[^/]+/.test(v.trim()) ? true : `rtmp://host/app or rtmps://host:443/app. ${pr.note}`,
      });
      d.destinations.push({ name: id, preset: id, server: server.trim() });
    }
  }
  for (const dest of d.destinations) {
    if (d.keys.has(dest.name)) continue;
    const message = `${presetById(dest.preset)!.label} stream key (hidden):`;
    d.keys.set(dest.name, (await p.password({ message, mask: '*' })).trim());
  }
  if (asked.port)
    d.port = Number(
      await p.input({
        message: 'Local ingest port (OBS pushes here):',
        default: String(current.ingest.port),
        validate: (v) => (/^\d+$/.test(v) && isPort(Number(v)) ? true : `a port ${PORT_RANGE}`),
      }),
    );
  if (asked.ingestKey)
    d.newKey = !(await p.confirm({ message: 'Keep the current ingest key (what OBS has now)?', default: true }));
  return d;
}
