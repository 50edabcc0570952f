#!/usr/bin/env node
// Compiles every .sol file of a folder with solc-js (standard JSON, so the EVM version and the
// optimizer can be set: the solcjs CLI has no --evm-version) and writes, per contract,
// Name.abi, Name.bin and Name.json = {abi, bytecode} for the web3j wrapper generator.
// Usage: node scripts/compile-sol.js <sourceDir> <outDir> <evmVersion> [optimizerRuns]
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const [sourceDir, outDir, evmVersion, runs = '200'] = process.argv.slice(2);
if (!sourceDir || !outDir || !evmVersion) {
  console.error('usage: compile-sol.js <sourceDir> <outDir> <evmVersion> [optimizerRuns]');
  process.exit(2);
}
const sources = {};
for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion,
    optimizer: { enabled: true, runs: Number(runs) },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts || {})) {
  for (const [name, c] of Object.entries(contracts)) {
    const bytecode = c.evm.bytecode.object;
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), bytecode);
    fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify({ abi: c.abi, bytecode: '0x' + bytecode }));
    console.log(`compiled ${file}:${name} (solc ${solc.version()}, ${evmVersion}) -> ${outDir}/${name}.{abi,bin,json}`);
  }
}
