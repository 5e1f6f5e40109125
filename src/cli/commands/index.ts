import type { Command } from 'commander';
import { registerDemo } from './demo.js';
import { registerInit } from './init.js';
import { registerConfig } from './config.js';
import { registerDoctor } from './doctor.js';
import { registerInventory } from './inventory.js';
import { registerShow } from './show.js';
import { registerShowEdit } from './show-edit.js';
import { registerLive } from './live.js';
import { registerOverlay } from './overlay.js';
import { registerReport } from './report.js';
import { registerRelay } from './relay.js';
import { registerDestination } from './destination.js';
import { registerChannel } from './channel.js';
import { registerList } from './list.js';
import { registerExport } from './export.js';
import { registerInsights } from './insights.js';
import { registerBuyers } from './buyers.js';

/**
 * Every command module, in the order `lotcast --help` lists them. A module registers its
 * commands and imports anything heavy lazily inside its action.
 * (Areas keep their lines apart so parallel work merges cleanly.)
 */
export const commandModules: Array<(program: Command) => void> = [
  // -- setup: init, config, doctor, demo
  registerInit,
  registerConfig,
  registerDoctor,
  registerDemo,

  // -- inventory
  registerInventory,

  // -- shows: plan, list, view, edit
  registerShow,
  registerShowEdit,

  // -- live: live, sale, show status
  registerLive,
  registerOverlay,

  // -- relay
  registerRelay,
  registerDestination,

  // -- channels: channel add, list, export
  registerChannel,
  registerList,
  registerExport,

  // -- after the show: report, show close, picklist, clips
  registerReport,

  // -- across shows: insights, buyers
  registerInsights,
  registerBuyers,
];
