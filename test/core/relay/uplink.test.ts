import { describe, expect, it } from 'vitest';
import { uplinkVerdict } from '../../../src/core/relay/uplink.js';

describe('uplinkVerdict: does the uplink carry every destination at the feed bitrate?', () => {
  it('fits while every destination keeps up', () => {
    const v = uplinkVerdict({
      feedKbps: 6200,
      destinations: [
        { name: 'tiktok', deliveredKbps: 6200, behind: false },
        { name: 'whatnot', deliveredKbps: 6150, behind: false },
      ],
    });
    expect(v).toMatchObject({ fits: true, advice: null, needKbps: 12400 });
  });

  it('a shared uplink too small for all: what it carries, what they need, the OBS bitrate that fits', () => {
    const v = uplinkVerdict({
      feedKbps: 6200,
      destinations: [
        { name: 'tiktok', deliveredKbps: 3900, behind: true },
        { name: 'whatnot', deliveredKbps: 3900, behind: true },
      ],
    });
    expect(v?.advice).toBe(
      "the uplink carries about 7.8 Mbit/s; 2 destinations at 6.2 need 12.4: set OBS's bitrate to 3,500 kbps or switch one off",
    );
    expect(v?.suggestKbps).toBe(3500);
  });

  it('one slow platform while the others keep up: names it', () => {
    const v = uplinkVerdict({
      feedKbps: 6000,
      destinations: [
        { name: 'tiktok', deliveredKbps: 6000, behind: false },
        { name: 'whatnot', deliveredKbps: 600, behind: true },
      ],
    });
    expect(v?.fits).toBe(false);
    expect(v?.advice).toMatch(
      /^whatnot reads only about 0\.6 Mbit\/s of the feed's 6\.0 .* set OBS's bitrate to 500 kbps or switch it off$/,
    );
  });

  it('says nothing without a feed or destinations', () => {
    expect(uplinkVerdict({ feedKbps: 0, destinations: [{ name: 'a', deliveredKbps: 0, behind: true }] })).toBeNull();
    expect(uplinkVerdict({ feedKbps: 5000, destinations: [] })).toBeNull();
  });
});
