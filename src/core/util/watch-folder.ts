import * as fs from 'node:fs';

/**
 * Follows what other windows write into `folder` (fs.watch: inotify, FSEvents or ReadDirectoryChangesW;
 * no polling): `changed` runs for each event on a file `accepts` takes, or with no name (some platforms
 * give none). The folder, not a file: writes that rename a new file in would escape a file watch.
 * A folder that cannot be watched, or a watch that stops, is reported; the caller still works, without
 * other windows' changes until a reload. Undefined when there is no watch.
 */
export function watchFolder(folder: string, accepts: (name: string) => boolean, changed: () => void, report: (message: string) => void): fs.FSWatcher | undefined {
  try {
    const watcher = fs.watch(folder, (_event, name) => {
      if (!name || accepts(String(name))) changed();
    });
    watcher.on('error', (e) => report(`watching ${folder} stopped (other windows' changes show after a reload): ${e.message}`));
    return watcher;
  } catch (e) {
    report(`${folder} cannot be watched (other windows' changes show after a reload): ${(e as Error).message}`);
    return undefined;
  }
}
