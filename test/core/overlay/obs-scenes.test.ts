import { describe, expect, it } from 'vitest';
import { obsSceneCollection } from '../../../src/core/overlay/obs-scenes.js';

interface Source {
  id: string;
  name: string;
  uuid: string;
  settings: {
    url?: string;
    width?: number;
    height?: number;
    css?: string;
    items?: Array<{ name: string; source_uuid: string; visible: boolean }>;
    id_counter?: number;
  };
}

describe('OBS scene collection', () => {
  it.each([
    ['vertical', 1080, 1920, 'portrait'],
    ['landscape', 1920, 1080, 'landscape'],
  ] as const)('%s canvas: browser sources at %ix%i, one scene listing them', (canvas, width, height, layout) => {
    const c = obsSceneCollection({ baseUrl: 'http://127.0.0.1:4477', canvas }) as {
      current_scene: string;
      scene_order: Array<{ name: string }>;
      sources: Source[];
    };
    const scene = c.sources.find((s) => s.id === 'scene')!;
    const browsers = c.sources.filter((s) => s.id === 'browser_source');
    expect(c.current_scene).toBe(scene.name);
    expect(c.scene_order).toEqual([{ name: scene.name }]);
    expect(browsers.map((b) => b.settings.url)).toEqual(
      ['lot', 'next', 'goal', 'ticker', 'giveaway', 'all'].map(
        (p) => `http://127.0.0.1:4477/overlay/${p}?layout=${layout}`,
      ),
    );
    for (const b of browsers)
      expect(b.settings).toMatchObject({ width, height, css: expect.stringContaining('rgba(0, 0, 0, 0)') });
    expect(scene.settings.items!.map((i) => [i.name, i.visible])).toEqual(
      browsers.map((b) => [b.name, b.name === 'lotcast all']),
    );
    expect(scene.settings.items!.map((i) => i.source_uuid)).toEqual(browsers.map((b) => b.uuid));
    expect(new Set(c.sources.map((s) => s.uuid)).size).toBe(c.sources.length);
    expect(scene.settings.id_counter).toBe(browsers.length);
  });

  it('with a loader page, every source opens the loader with its overlay URL as ?src=', () => {
    const c = obsSceneCollection({
      baseUrl: 'http://127.0.0.1:4477',
      canvas: 'vertical',
      loaderUrl: 'file:///home/seller/.local/share/lotcast/obs-overlay-loader.html',
    }) as { sources: Source[] };
    const urls = c.sources.filter((s) => s.id === 'browser_source').map((b) => b.settings.url!);
    expect(urls[0]).toBe(
      'file:///home/seller/.local/share/lotcast/obs-overlay-loader.html?src=http%3A%2F%2F127.0.0.1%3A4477%2Foverlay%2Flot%3Flayout%3Dportrait',
    );
    expect(urls.map((u) => new URL(u).searchParams.get('src'))).toEqual(
      ['lot', 'next', 'goal', 'ticker', 'giveaway', 'all'].map(
        (p) => `http://127.0.0.1:4477/overlay/${p}?layout=portrait`,
      ),
    );
  });

  it('the same input gives the same file', () => {
    const a = obsSceneCollection({ baseUrl: 'http://127.0.0.1:1', canvas: 'vertical' });
    expect(JSON.stringify(obsSceneCollection({ baseUrl: 'http://127.0.0.1:1', canvas: 'vertical' }))).toBe(
      JSON.stringify(a),
    );
  });
});
