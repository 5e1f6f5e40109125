/**
 * An OBS scene collection (OBS's own JSON, as Scene Collection > Import reads it) with one
 * Browser Source per overlay page. Each source is the whole canvas: the page places its card
 * itself (out of the apps' top and bottom bands and off the seller's face), so the seller
 * never drags or types anything.
 */
export type Canvas = 'vertical' | 'landscape';

export const CANVAS_SIZE: Record<Canvas, { width: number; height: number }> = {
  vertical: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
};

/** Overlay pages in the order they stack in the scene (later ones on top). */
export const OVERLAY_PAGES = ['lot', 'next', 'goal', 'ticker', 'giveaway', 'all'] as const;
export type OverlayPage = (typeof OVERLAY_PAGES)[number];

export interface ObsSceneInput {
  /** e.g. http://127.0.0.1:4477 */
  baseUrl: string;
  canvas: Canvas;
  name?: string;
  /**
   * A local page (file:// URL) that waits for the overlay server and then opens the overlay
   * given as ?src=: OBS starts before lotcast on show nights, and a source pointed straight at
   * the server would stay on the error page. A URL rather than OBS's "Local file" box: a local
   * file cannot carry ?src=, and OBS serves it from a made-up http://absolute/ origin that
   * Chromium's private-network rules may keep from 127.0.0.1, while a file:// page counts as local.
   */
  loaderUrl?: string;
}

/** Stable per name (OBS wants a uuid per source; the same input gives the same file). */
function uuidFor(name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < name.length; i++) {
    h1 = Math.imul(h1 ^ name.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ name.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const s = `${hex(h1)}${hex(h2)}${hex(h1 ^ h2)}${hex(Math.imul(h1, 31) ^ h2)}`;
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

const TRANSPARENT_CSS = 'body { background-color: rgba(0, 0, 0, 0); margin: 0px auto; overflow: hidden; }';

export function obsSceneCollection(input: ObsSceneInput): Record<string, unknown> {
  const { width, height } = CANVAS_SIZE[input.canvas];
  const name = input.name ?? `lotcast ${input.canvas}`;
  const sceneName = `lotcast overlays (${width}x${height})`;
  const orientation = input.canvas === 'vertical' ? 'portrait' : 'landscape';
  const sources = OVERLAY_PAGES.map((page) => {
    const sourceName = `lotcast ${page}`;
    const overlayUrl = `${input.baseUrl}/overlay/${page}?layout=${orientation}`;
    return {
      id: 'browser_source',
      versioned_id: 'browser_source',
      name: sourceName,
      uuid: uuidFor(`${name}/${sourceName}`),
      enabled: true,
      settings: {
        url: input.loaderUrl ? `${input.loaderUrl}?src=${encodeURIComponent(overlayUrl)}` : overlayUrl,
        width,
        height,
        fps_custom: false,
        css: TRANSPARENT_CSS,
        shutdown: false,
        restart_when_active: false,
        reroute_audio: false,
      },
      mixers: 0,
      flags: 0,
      volume: 1.0,
      muted: true,
      private_settings: {},
    };
  });
  // 'all' is the default layout; the single pages are there, hidden, for sellers who place them one by one.
  const items = sources.map((s, i) => ({
    name: s.name,
    source_uuid: s.uuid,
    id: i + 1,
    visible: s.name === 'lotcast all',
    locked: false,
    rot: 0.0,
    pos: { x: 0.0, y: 0.0 },
    scale: { x: 1.0, y: 1.0 },
    align: 5,
    bounds_type: 0,
    bounds_align: 0,
    bounds: { x: 0.0, y: 0.0 },
    crop_left: 0,
    crop_top: 0,
    crop_right: 0,
    crop_bottom: 0,
    scale_filter: 'disable',
    blend_method: 'default',
    blend_type: 'normal',
    private_settings: {},
  }));
  const scene = {
    id: 'scene',
    versioned_id: 'scene',
    name: sceneName,
    uuid: uuidFor(`${name}/${sceneName}`),
    enabled: true,
    settings: { custom_size: false, id_counter: items.length, items },
    mixers: 0,
    flags: 0,
    private_settings: {},
  };
  return {
    name,
    current_scene: sceneName,
    current_program_scene: sceneName,
    scene_order: [{ name: sceneName }],
    sources: [scene, ...sources],
    groups: [],
    quick_transitions: [],
    transitions: [],
    current_transition: 'Fade',
    transition_duration: 300,
    preview_locked: false,
    scaling_enabled: false,
    modules: {},
  };
}
