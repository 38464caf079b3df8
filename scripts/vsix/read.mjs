// Reads a .vsix with the registries' own clients, offline: ovsx's reader and manifest validation (what
// `ovsx publish <file>` runs before uploading) and vsce's (what `vsce publish --packagePath` runs). A package
// either of them cannot read is a problem in itself; otherwise the rules get its contents.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { problem, MARKETPLACE, OPEN_VSX } from './problems.mjs';

const require = createRequire(import.meta.url);

/** ovsx's zip reader lives in ovsx/lib/zip; its index exports the manifest checks but not the reader. */
function ovsxReader() {
  const zip = require('ovsx/lib/zip');
  const { validateManifest, isLicenseOk } = require('ovsx');
  for (const fn of [zip.readVSIXPackage, zip.readZip, zip.hashAllZipEntries, validateManifest, isLicenseOk]) {
    if (typeof fn !== 'function') throw new Error(`ovsx ${require('ovsx/package.json').version} no longer has the reader scripts/vsix/read.mjs uses`);
  }
  return { ...zip, validateManifest, isLicenseOk };
}

/** What extension.vsixmanifest lists: the metadata both registries show (names and description already localized). */
export function listingOf(xml) {
  const meta = xml.PackageManifest.Metadata[0];
  const identity = meta.Identity[0].$;
  const text = (node) => (typeof node?.[0] === 'string' ? node[0] : node?.[0]?._ ?? '');
  const list = (node) => text(node).split(',').filter(Boolean);
  return {
    publisher: identity.Publisher, name: identity.Id, version: identity.Version,
    displayName: text(meta.DisplayName), description: text(meta.Description),
    tags: list(meta.Tags), categories: list(meta.Categories),
    assets: new Map((xml.PackageManifest.Assets?.[0]?.Asset ?? []).map((a) => [a.$.Type, a.$.Path])),
  };
}

/**
 * @param {string} file the .vsix
 * @param {string} sourceDir the extension's source folder (where ovsx looks for a LICENSE file)
 * @returns {Promise<{ pkg?: object, problems: object[] }>}
 */
export async function readVsix(file, sourceDir) {
  const problems = [];
  let ovsx, manifest, entries, files;
  try {
    ovsx = ovsxReader();
    manifest = await ovsx.readVSIXPackage(file);
    ovsx.validateManifest(manifest);
    if (!(await ovsx.isLicenseOk(sourceDir, manifest))) problems.push(problem(OPEN_VSX, 'package.json license', 'ovsx finds no license: Open VSX would refuse the upload'));
    entries = [...(await ovsx.hashAllZipEntries(file)).keys()];
    const byLowerName = await ovsx.readZip(file, () => true);
    files = new Map(entries.filter((e) => e.startsWith('extension/')).map((e) => [e.slice('extension/'.length), byLowerName.get(e.toLowerCase())]));
  } catch (e) {
    return { problems: [problem(OPEN_VSX, file, `ovsx cannot read the package: ${e.message}`)] };
  }
  let listing;
  try {
    const { readVSIXPackage } = require('@vscode/vsce/out/zip');
    listing = listingOf((await readVSIXPackage(file)).xmlManifest);
  } catch (e) {
    return { problems: [...problems, problem(MARKETPLACE, file, `vsce cannot read the package: ${e.message}`)] };
  }
  return { pkg: { manifest, listing, entries, files, size: fs.statSync(file).size }, problems };
}
