import type { Command } from 'commander';
import { registerChannelAdd } from './channel/add.js';
import { registerChannelList } from './channel/list.js';
import { registerChannelRemove } from './channel/remove.js';
import { registerChannelShows } from './channel/shows.js';
import { registerClips } from './clips.js';
import { registerConfigGet } from './config/get.js';
import { registerConfigList } from './config/list.js';
import { registerConfigSet } from './config/set.js';
import { registerConfigUnset } from './config/unset.js';
import { registerDemo } from './demo.js';
import { registerDestinationAdd } from './destination/add.js';
import { registerDestinationDisable } from './destination/disable.js';
import { registerDestinationEnable } from './destination/enable.js';
import { registerDestinationList } from './destination/list.js';
import { registerDestinationRemove } from './destination/remove.js';
import { registerDoctor } from './doctor.js';
import { registerExportWhatnotCsv } from './export/whatnot-csv.js';
import { registerInit } from './init.js';
import { registerInsights } from './insights.js';
import { registerBuyers } from './buyers.js';
import { registerInventoryExport } from './inventory/export.js';
import { registerInventoryImport } from './inventory/import.js';
import { registerInventoryList } from './inventory/list.js';
import { registerList } from './list.js';
import { registerOverlayObs } from './overlay/obs.js';
import { registerOverlayUrls } from './overlay/urls.js';
import { registerLive } from './live.js';
import { registerPicklist } from './picklist.js';
import { registerRelay } from './relay.js';
import { registerReport } from './report.js';
import { registerSale } from './sale.js';
import { registerShowAdd } from './show/add.js';
import { registerShowClose } from './show/close.js';
import { registerShowDrop } from './show/drop.js';
import { registerShowList } from './show/list.js';
import { registerShowMove } from './show/move.js';
import { registerShowPlan } from './show/plan.js';
import { registerShowStatus } from './show/status.js';
import { registerShowView } from './show/view.js';

/**
 * Every command, one file per command path (`show/plan.ts` is `lotcast show plan`), in the
 * order `lotcast --help` lists them; a group appears where its first subcommand registers.
 * Each file imports anything heavy lazily inside its action.
 * (Areas keep their lines apart so parallel work merges cleanly.)
 */
export const commandModules: Array<(program: Command) => void> = [
  // -- setup: init, config, doctor, demo
  registerInit,
  registerConfigList,
  registerConfigGet,
  registerConfigSet,
  registerConfigUnset,
  registerDoctor,
  registerDemo,

  // -- inventory
  registerInventoryImport,
  registerInventoryList,
  registerInventoryExport,

  // -- shows: plan, list, view, edit
  registerShowPlan,
  registerShowList,
  registerShowView,
  registerShowMove,
  registerShowDrop,
  registerShowAdd,

  // -- live: live, sale, show status
  registerShowStatus,
  registerLive,
  registerSale,
  registerOverlayUrls,
  registerOverlayObs,

  // -- relay
  registerRelay,
  registerDestinationAdd,
  registerDestinationList,
  registerDestinationEnable,
  registerDestinationDisable,
  registerDestinationRemove,

  // -- channels: channel add, list, export
  registerChannelAdd,
  registerChannelList,
  registerChannelShows,
  registerChannelRemove,
  registerList,
  registerExportWhatnotCsv,

  // -- after the show: report, show close, picklist, clips
  registerReport,
  registerShowClose,
  registerPicklist,
  registerClips,

  // -- across shows: insights, buyers
  registerInsights,
  registerBuyers,
];
