// Unit tests of the browser notifications' choice and limits (src/main/web/notify.js), run by
// node's own test runner in the Maven build (test phase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admit, limits, wanted } from '../../main/web/notify.js';

const notice = { id: 7, kind: 'NO_DATA', plot: 'a2', title: 't', body: 'b', url: '/alarms#alarm-7' };
const choice = (over) => ({ browser: true, kinds: [], plots: [], max: 6, windowSeconds: 3600, perMinute: 3, ...over });

test('nothing is shown without the browser channel, or without a choice', () => {
  assert.equal(wanted(choice({ browser: false }), notice), false);
  assert.equal(wanted(null, notice), false);
});

test('empty kinds and plots mean every one', () => {
  assert.equal(wanted(choice(), notice), true);
  assert.equal(wanted(choice(), { ...notice, plot: null }), true);
});

test('only the chosen kinds and plots', () => {
  assert.equal(wanted(choice({ kinds: ['NO_DATA'] }), notice), true);
  assert.equal(wanted(choice({ kinds: ['LEAK'] }), notice), false);
  assert.equal(wanted(choice({ plots: ['a2', 'a1'] }), notice), true);
  assert.equal(wanted(choice({ plots: ['a1'] }), notice), false);
});

test("a gateway's alarm (no plot) reaches only who chose every plot", () => {
  assert.equal(wanted(choice({ plots: ['a1'] }), { ...notice, kind: 'BACKLOG_GROWING', plot: null }), false);
});

test("the limits are ingest's window and the web's minute", () => {
  assert.deepEqual(limits(choice()), [
    { max: 6, windowMs: 3_600_000 },
    { max: 3, windowMs: 60_000 },
  ]);
  assert.deepEqual(limits(choice({ max: 0, windowSeconds: 0 })), [{ max: 3, windowMs: 60_000 }]);
});

test('a flapping sensor gets three notices a minute, then six an hour, and no more', () => {
  const rules = limits(choice());
  let times = [];
  const shown = [];
  // one raise every 10 s for an hour
  for (let now = 0; now < 3_600_000; now += 10_000) {
    const v = admit(times, now, rules);
    times = v.times;
    if (v.fits) shown.push(now);
  }
  assert.deepEqual(shown.slice(0, 3), [0, 10_000, 20_000]);
  assert.equal(shown.length, 6);
  // the next hour starts again
  const later = admit(times, 3_600_000 + 1, rules);
  assert.equal(later.fits, true);
});

test('old times are forgotten, the window slides', () => {
  const rules = [{ max: 2, windowMs: 60_000 }];
  assert.equal(admit([0, 1000], 30_000, rules).fits, false);
  const v = admit([0, 1000], 60_500, rules);
  assert.equal(v.fits, true);
  assert.deepEqual(v.times, [1000, 60_500]);
});
