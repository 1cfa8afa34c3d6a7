// THIRD-PARTY-NOTICES: the licence of every package that the package ships code of, made at build
// time (scripts/build.mjs) from what esbuild bundled into dist/ (its metafile's inputs) and from
// the bundled dependencies that ship in node_modules/ (package.json `bundleDependencies`), each
// with the licence file it ships. The bundle itself keeps no licence comments, so this file is
// where a legal review finds them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([-.][\w.-]*)?$/i;
const RULE = '='.repeat(80);

/** The package folder a bundled file belongs to: the last node_modules/<name> (or <@scope/name>) of its path. */
function packageDirOf(file) {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return path.join(ROOT, ...parts.slice(0, at + 1 + length));
}

/** Where Node would find `name` from `dir`: its own node_modules, then each parent's. */
function resolvePackage(name, dir) {
  for (let at = dir; ; at = path.dirname(at)) {
    const candidate = path.join(at, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (at === path.dirname(at) || at === path.dirname(ROOT)) throw new Error(`third-party notices: ${name} is not installed (from ${dir})`);
  }
}

/** A bundled dependency and every package it depends on, as installed. */
function withDependencies(dir, found) {
  if (found.has(dir)) return;
  found.add(dir);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  for (const name of Object.keys(manifest.dependencies ?? {})) withDependencies(resolvePackage(name, dir), found);
}

function repositoryOf(manifest) {
  const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  return url?.replace(/^git\+/, '').replace(/\.git$/, '') ?? manifest.homepage;
}

function entry(dir, where) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const licence = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'not stated');
  const files = readdirSync(dir).filter((name) => LICENCE_FILE.test(name)).sort();
  if (files.length === 0) throw new Error(`third-party notices: ${manifest.name}@${manifest.version} ships no licence file (${dir}); add its licence text here by hand`);
  const texts = files.map((name) => `${files.length > 1 ? `${name}:\n` : ''}${readFileSync(path.join(dir, name), 'utf8').trim()}`);
  const source = repositoryOf(manifest);
  return [RULE, `${manifest.name} ${manifest.version} (${licence}), ${where}`, ...(source ? [source] : []), '-'.repeat(80), texts.join('\n\n'), ''].join('\n');
}

/** The notices text for the files esbuild bundled (metafile input paths, relative to the package root). */
export function thirdPartyNotices(bundledInputs) {
  const self = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const inBundle = [...new Set(bundledInputs.map(packageDirOf).filter((dir) => dir !== undefined))];
  const shipped = new Set();
  for (const name of self.bundleDependencies ?? []) withDependencies(resolvePackage(name, ROOT), shipped);
  const where = new Map();
  for (const dir of inBundle) where.set(dir, 'bundled into dist/');
  for (const dir of shipped) where.set(dir, where.has(dir) ? 'bundled into dist/ and shipped in node_modules/' : 'shipped in node_modules/');
  const order = (dir) => `${where.get(dir).startsWith('bundled') ? 0 : 1} ${path.relative(ROOT, dir)}`;
  return [
    `THIRD-PARTY-NOTICES for ${self.name} ${self.version}`,
    '',
    `${self.name} is ${self.license} (LICENSE). It ships code of the packages below: those bundled into`,
    'dist/ by esbuild, then those installed with it in its own node_modules/ (its bundled',
    'dependencies). Each comes with its version, the licence its package.json states, and the',
    'licence text it ships. Made by scripts/third-party-notices.mjs at build time.',
    '',
    ...[...where.keys()].sort((a, b) => order(a).localeCompare(order(b))).map((dir) => entry(dir, where.get(dir))),
  ].join('\n');
}
