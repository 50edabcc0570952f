// Unit tests of the buyer page's check (src/main/web/verify.js) against trees and proofs made by
// OpenZeppelin's own merkle-tree library, run by node's test runner in the Maven build (test phase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  anchorOfCall,
  anchoredBlock,
  checkSections,
  fold,
  leafOf,
  recordText,
  sectionText,
} from '../../main/web/verify.js';

const h = (b) => '0x' + bytesToHex(b);
const contents = [
  '{"body":{"crop":"rice","gtin":"08936000000019","name":"Gạo ST25"},"id":1,"kind":"product"}',
  '{"body":{"harvestDate":"2026-11-28","lot":"L-1","quantityKg":"1200"},"id":2,"kind":"batch"}',
  '{"body":{"name":"HTX Mộ Đức"},"id":3,"kind":"organisation"}',
  '{"body":{"code":"VN-51-0041","to":"ISSUED"},"id":4,"kind":"code.status"}',
];
// format 2 leaves: the content hashed twice, as the platform's records are
const leaves = contents.map((c) => h(keccak_256(keccak_256(utf8ToBytes(c)))));
const tree = SimpleMerkleTree.of(leaves);
const ROOT = tree.root;
const CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const BLOCK = 7;

const record = (i, over = {}) => ({
  id: i + 1,
  kind: 'k',
  content: contents[i],
  leafFormat: 2,
  leaf: leaves[i],
  state: 'ANCHORED',
  root: ROOT,
  proof: tree.getProof(leaves[i]),
  txHash: '0xfeed',
  blockNumber: BLOCK,
  latest: true,
  ...over,
});

const texts = {
  'verified-chain': 'record {0} verified, block {1}',
  'verified-served': 'record {0} verified against the served root, tx {1}',
  awaiting: 'record {0} awaits anchoring',
  unreachable: 'record {0}: chain unreachable ({1})',
  'failed-leaf': 'record {0}: content does not hash to its leaf',
  'failed-proof': 'record {0}: proof does not reach root {1}',
  'failed-mismatch': 'record {0}: mismatch',
  'failed-not-anchored': 'record {0}: root {1} not anchored',
  'failed-block': 'record {0}: chain says block {2}, platform {3}',
  'differs-checked': 'current data differs',
  'section-chain': 'all verified on the chain',
  'section-served': 'all verified against the served root',
};

/** A JSON-RPC endpoint answering anchorOf with the given block for ROOT (and 0 for any other root). */
function chain(block, calls = []) {
  return async (url, init) => {
    const request = JSON.parse(init.body);
    calls.push(request);
    assert.equal(request.method, 'eth_call');
    assert.equal(request.params[0].to, CONTRACT);
    const asked = '0x' + request.params[0].data.slice(10);
    const n = asked.toLowerCase() === ROOT.toLowerCase() ? block : 0;
    const word = (v) => BigInt(v).toString(16).padStart(64, '0');
    return { ok: true, json: async () => ({ jsonrpc: '2.0', id: 1, result: '0x' + word(n) + word(1764) + word(4) + word(0) }) };
  };
}

const data = (sections, rpc = 'http://127.0.0.1:8545') => ({ rpc, contract: CONTRACT, chainId: 31337, texts, sections });

test('the leaves and root are the ones OpenZeppelin computes', () => {
  for (let i = 0; i < contents.length; i++) {
    assert.equal(leafOf(contents[i], 2), leaves[i]);
    assert.equal(fold(leaves[i], tree.getProof(leaves[i])), ROOT);
    assert.ok(SimpleMerkleTree.verify(ROOT, leaves[i], tree.getProof(leaves[i])));
  }
  // format 1: hashed once
  assert.equal(leafOf(contents[0], 1), h(keccak_256(utf8ToBytes(contents[0]))));
});

test("the call reads anchorOf(bytes32) and its answer's first word is the block", () => {
  assert.equal(anchorOfCall(ROOT).slice(0, 10), '0x' + bytesToHex(keccak_256(utf8ToBytes('anchorOf(bytes32)'))).slice(0, 8));
  assert.equal(anchorOfCall(ROOT).length, 2 + 8 + 64);
  assert.equal(anchoredBlock('0x' + '0'.repeat(63) + 'c' + '0'.repeat(64 * 3)), 12n);
});

test('a good record verifies against the root read from the chain, once per root', async () => {
  const calls = [];
  const [s] = await checkSections(data([{ name: 'product', records: [record(0), record(2)] }]), chain(BLOCK, calls));
  assert.equal(s.tone, 'good');
  assert.deepEqual(s.records.map((r) => r.outcome), ['verified', 'verified']);
  assert.equal(s.records[0].source, 'chain');
  assert.equal(calls.length, 1);
  assert.equal(sectionText(texts, s), 'all verified on the chain');
  assert.equal(recordText(texts, s.records[0]), 'record 1 verified, block 7');
});

test('without an RPC endpoint the root is the one the platform served, and the page says so', async () => {
  const [s] = await checkSections(data([{ name: 'product', records: [record(0)] }], null), () => assert.fail('no call'));
  assert.equal(s.records[0].source, 'served');
  assert.equal(sectionText(texts, s), 'all verified against the served root');
  assert.equal(recordText(texts, s.records[0]), 'record 1 verified against the served root, tx 0xfeed');
});

test('a tampered content fails, naming the record, and turns only its section red', async () => {
  const tampered = record(1, { content: contents[1].replace('"1200"', '"50000"') });
  const out = await checkSections(
    data([
      { name: 'product', records: [record(0)] },
      { name: 'harvest', records: [tampered] },
    ]),
    chain(BLOCK),
  );
  assert.equal(out[0].tone, 'good');
  assert.equal(out[1].tone, 'bad');
  assert.equal(out[1].records[0].reason, 'leaf');
  assert.equal(sectionText(texts, out[1]), 'record 2: content does not hash to its leaf');
});

test('a wrong proof fails', async () => {
  const wrong = record(0, { proof: tree.getProof(leaves[1]) });
  const [s] = await checkSections(data([{ name: 'product', records: [wrong] }]), chain(BLOCK));
  assert.equal(s.tone, 'bad');
  assert.equal(s.records[0].reason, 'proof');
  assert.match(sectionText(texts, s), /^record 1: proof does not reach root 0x/);
});

test('a root the chain answers with block 0 is not anchored', async () => {
  const [s] = await checkSections(data([{ name: 'product', records: [record(0)] }]), chain(0));
  assert.equal(s.tone, 'bad');
  assert.equal(s.records[0].reason, 'not-anchored');
});

test('a block other than the one served fails', async () => {
  const [s] = await checkSections(data([{ name: 'product', records: [record(0)] }]), chain(BLOCK + 1));
  assert.equal(s.records[0].reason, 'block');
  assert.equal(sectionText(texts, s), 'record 1: chain says block 8, platform 7');
});

test('a record awaiting anchoring is never verified; a section with one waits', async () => {
  const awaiting = record(3, { state: 'AWAITING_ANCHORING', root: null, proof: [], txHash: null, blockNumber: null });
  const [s] = await checkSections(data([{ name: 'growingArea', records: [record(0), awaiting] }]), chain(BLOCK));
  assert.equal(s.tone, 'waiting');
  assert.equal(s.records[1].outcome, 'awaiting');
  assert.equal(sectionText(texts, s), 'record 4 awaits anchoring');
});

test("the platform's MISMATCH and its current data differing both turn the section red", async () => {
  const [m, d] = await checkSections(
    data([
      { name: 'product', records: [record(0, { state: 'MISMATCH' })] },
      { name: 'harvest', differs: true, records: [record(1)] },
    ]),
    chain(BLOCK),
  );
  assert.equal(m.tone, 'bad');
  assert.equal(sectionText(texts, m), 'record 1: mismatch');
  assert.equal(d.tone, 'bad');
  assert.equal(d.records[0].outcome, 'verified');
  assert.equal(sectionText(texts, d), 'current data differs');
});

test('a chain that cannot be read leaves the section unchecked, never green', async () => {
  const down = async () => {
    throw new Error('connection refused');
  };
  const [s] = await checkSections(data([{ name: 'product', records: [record(0)] }]), down);
  assert.equal(s.tone, 'waiting');
  assert.equal(sectionText(texts, s), 'record 1: chain unreachable (connection refused)');
});

// The page LotPageTest rendered (surefire runs before these tests in Maven's test phase): its records
// block, made by the Java side from a story with BouncyCastle's keccak, checks out in the script too.
const rendered = new URL('../../../target/buyer-page/lot-vi.html', import.meta.url);

test('the records block of the rendered buyer page checks out, its harvest awaiting anchoring', async (t) => {
  const { existsSync, readFileSync } = await import('node:fs');
  if (!existsSync(rendered)) {
    t.skip('no rendered page: run LotPageTest first');
    return;
  }
  const html = readFileSync(rendered, 'utf8');
  const block = html.match(/<script type="application\/json" id="records">([\s\S]*?)<\/script>/);
  assert.ok(block, 'the page carries its records block');
  const page = JSON.parse(block[1]);
  const out = await checkSections({ ...page, rpc: null }, () => assert.fail('no call without an endpoint'));
  assert.deepEqual(
    out.map((s) => [s.name, s.tone]),
    [
      ['product', 'good'],
      ['cooperative', 'good'],
      ['growingArea', 'good'],
      ['certificates', 'good'],
      ['harvest', 'waiting'],
      ['irrigation', 'good'],
      ['journey', 'good'],
    ],
  );
  // one character of an anchored record changed: its section, and only it, fails naming it
  const certificates = page.sections.find((s) => s.name === 'certificates');
  const ocop = certificates.records.find((r) => r.content.includes('"stars":4'));
  ocop.content = ocop.content.replace('"stars":4', '"stars":5');
  const tampered = await checkSections({ ...page, rpc: null });
  assert.deepEqual(tampered.filter((s) => s.tone === 'bad').map((s) => s.name), ['certificates']);
  assert.match(sectionText(page.texts, tampered.find((s) => s.name === 'certificates')), new RegExp(`^Bản ghi ${ocop.id} `));
});
