// The buyer page's own check of what it shows (docs/web.md, "The buyer page"): each record's canonical
// bytes are hashed again here, its Merkle proof folded to the root, and the root read from the chain
// when the page names a public JSON-RPC endpoint. Nothing of it trusts the platform's word but the
// root when no endpoint is configured, and then the page says so. The pure parts are exported for
// node's test runner (src/test/web).
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const hex = (bytes) => '0x' + bytesToHex(bytes);
const bytes = (h) => hexToBytes(h.startsWith('0x') ? h.slice(2) : h);

/**
 * A record's leaf from its canonical JSON text: format 2 hashes it twice (leaves apart from inner
 * nodes, OpenZeppelin's standard tree), format 1 (records made before that) once.
 */
export function leafOf(content, format) {
  const once = keccak_256(utf8ToBytes(content));
  if (format === 1) return hex(once);
  if (format === 2) return hex(keccak_256(once));
  throw new Error(`unknown leaf format ${format}`);
}

/** The root a proof leads to from a leaf: each step hashes the sorted pair (OpenZeppelin MerkleProof). */
export function fold(leaf, proof) {
  let node = bytes(leaf);
  for (const sibling of proof) {
    const other = bytes(sibling);
    node = keccak_256(compare(node, other) <= 0 ? concatBytes(node, other) : concatBytes(other, node));
  }
  return hex(node);
}

function compare(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The call data of the ledger contract's {@code anchorOf(bytes32 root)}. */
export function anchorOfCall(root) {
  const selector = bytesToHex(keccak_256(utf8ToBytes('anchorOf(bytes32)'))).slice(0, 8);
  const word = bytesToHex(bytes(root)).padStart(64, '0');
  return '0x' + selector + word;
}

/** The block number of an {@code anchorOf} answer: its first word (0: that root was never anchored). */
export function anchoredBlock(result) {
  const data = result.startsWith('0x') ? result.slice(2) : result;
  if (data.length < 64) throw new Error('the chain gave a short answer');
  return BigInt('0x' + data.slice(0, 64));
}

/** Reads a root's anchor from the chain with one eth_call; returns its block number. */
export async function readAnchor(rpc, contract, root, fetchFn = fetch) {
  const answer = await fetchFn(rpc, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'eth_call',
      params: [{ to: contract, data: anchorOfCall(root) }, 'latest'],
    }),
  });
  if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
  const reply = await answer.json();
  if (reply.error) throw new Error(reply.error.message || 'JSON-RPC error');
  return anchoredBlock(reply.result);
}

/**
 * One record's check. Outcomes: verified (chain: the root read from the chain; else served by the
 * platform), awaiting (not anchored yet, its bytes still match its leaf), unreachable (the chain
 * could not be read), failed with a reason: leaf, proof, mismatch, not-anchored, block.
 */
export async function checkRecord(record, chain, anchorOf) {
  let leaf;
  try {
    leaf = leafOf(record.content, record.leafFormat);
  } catch (unknownFormat) {
    return { outcome: 'failed', reason: 'leaf' };
  }
  if (leaf.toLowerCase() !== String(record.leaf).toLowerCase()) return { outcome: 'failed', reason: 'leaf' };
  if (record.state === 'MISMATCH') return { outcome: 'failed', reason: 'mismatch' };
  if (record.state === 'AWAITING_ANCHORING' || !record.root) return { outcome: 'awaiting' };
  if (fold(leaf, record.proof || []).toLowerCase() !== record.root.toLowerCase()) {
    return { outcome: 'failed', reason: 'proof' };
  }
  if (!chain) return { outcome: 'verified', source: 'served' };
  let block;
  try {
    block = await anchorOf(record.root);
  } catch (error) {
    return { outcome: 'unreachable', error: String(error && error.message ? error.message : error) };
  }
  if (block === 0n) return { outcome: 'failed', reason: 'not-anchored' };
  if (record.blockNumber != null && block !== BigInt(record.blockNumber)) {
    return { outcome: 'failed', reason: 'block', block };
  }
  return { outcome: 'verified', source: 'chain', block };
}

/**
 * Every section's check: its records' outcomes and the section's tone. One failed record makes the
 * section bad (the first failure names it); the platform's current data differing from the anchored
 * record too; otherwise waiting while a record awaits anchoring or the chain cannot be read.
 */
export async function checkSections(data, fetchFn = fetch) {
  const chain = data.rpc && data.contract ? { rpc: data.rpc, contract: data.contract } : null;
  const roots = new Map();
  const anchorOf = (root) => {
    const key = root.toLowerCase();
    if (!roots.has(key)) roots.set(key, readAnchor(chain.rpc, chain.contract, root, fetchFn));
    return roots.get(key);
  };
  const sections = [];
  for (const section of data.sections) {
    const records = [];
    for (const record of section.records) records.push({ record, ...(await checkRecord(record, chain, anchorOf)) });
    sections.push({ name: section.name, differs: !!section.differs, records, tone: tone(records, section.differs) });
  }
  return sections;
}

function tone(records, differs) {
  if (records.some((r) => r.outcome === 'failed') || differs) return 'bad';
  if (records.some((r) => r.outcome !== 'verified')) return 'waiting';
  return records.length > 0 ? 'good' : 'none';
}

/** {0}, {1}… of a bundle's text replaced by the arguments. */
export function format(text, ...args) {
  return String(text).replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));
}

/** What the page says of one record's check, in the page's language (texts from the bundles). */
export function recordText(texts, r) {
  const id = r.record.id;
  switch (r.outcome) {
    case 'verified':
      return r.source === 'chain'
        ? format(texts['verified-chain'], id, r.block)
        : format(texts['verified-served'], id, r.record.txHash || '');
    case 'awaiting':
      return format(texts.awaiting, id);
    case 'unreachable':
      return format(texts.unreachable, id, r.error);
    default:
      return format(texts[`failed-${r.reason}`], id, r.record.root || '', r.block ?? '', r.record.blockNumber ?? '');
  }
}

/** What the page says of a section: its first failure, else its difference, else its state. */
export function sectionText(texts, s) {
  const failed = s.records.find((r) => r.outcome === 'failed');
  if (failed) return recordText(texts, failed);
  if (s.differs) return texts['differs-checked'];
  if (s.tone === 'good') {
    return s.records.every((r) => r.source === 'chain') ? texts['section-chain'] : texts['section-served'];
  }
  const waiting = s.records.find((r) => r.outcome !== 'verified');
  return waiting ? recordText(texts, waiting) : '';
}

function show(element, tone, text) {
  if (!element) return;
  element.textContent = text;
  element.classList.remove('good', 'waiting', 'bad', 'unchecked');
  element.classList.add(tone);
}

async function run() {
  const block = document.getElementById('records');
  if (!block) return;
  const data = JSON.parse(block.textContent);
  const sections = data.sections.map((s) => s.name);
  for (const name of sections) show(document.getElementById(`check-${name}`), 'waiting', data.texts.checking);
  const checked = await checkSections(data);
  for (const s of checked) {
    for (const r of s.records) {
      show(
        document.getElementById(`record-${r.record.id}-check`),
        r.outcome === 'verified' ? 'good' : r.outcome === 'failed' ? 'bad' : 'waiting',
        recordText(data.texts, r),
      );
    }
    const section = document.getElementById(`check-${s.name}`);
    if (s.tone === 'none') show(section, 'waiting', data.texts.empty);
    else show(section, s.tone, sectionText(data.texts, s));
    const holder = document.getElementById(`section-${s.name}`);
    if (holder) holder.dataset.check = s.tone;
  }
  document.body.dataset.checked = 'done';
}

if (typeof document !== 'undefined') {
  run().catch((error) => {
    document.body.dataset.checked = 'error';
    console.error('the check of this page failed', error);
  });
}
