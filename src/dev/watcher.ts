/**
 * Watches the files the preview depends on (config, locales, templates, and the folders of the files the
 * documents name) and hands batches of changed workspace-relative paths to `onChange`, one batch at a
 * time: a burst of saves (an editor writing a temp file, then renaming) becomes one refresh.
 */
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface WorkspaceWatcher {
  /** resolves once the initial scan is done: changes after this are seen */
  ready: Promise<void>;
  /** start watching more paths (after a refresh named new files); known ones are ignored */
  add(paths: string[]): void;
  close(): Promise<void>;
}

export function watchWorkspace(root: string, paths: string[], onChange: (rels: string[]) => Promise<void>, debounceMs = 25): WorkspaceWatcher {
  const watched = new Set(paths);
  const watcher: FSWatcher = watch(paths, {
    ignoreInitial: true,
    // Editors' swap and backup files, lehtinen's own temporary files (workspace/write-files.ts), and
    // anything in hidden folders, are never inputs.
    ignored: (p: string) => /(^|[/\\])\.[^/\\]|~$|\.swp$|\.[0-9a-f]{8}\.tmp$/.test(path.relative(root, p)),
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const flush = () => {
    timer = undefined;
    const batch = [...pending];
    pending = new Set();
    running = running.then(() => onChange(batch)).catch(() => {});
  };
  watcher.on('all', (_event, abs) => {
    pending.add(path.relative(root, abs).split(path.sep).join('/'));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  });

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    add(more) {
      const fresh = more.filter((p) => !watched.has(p));
      fresh.forEach((p) => watched.add(p));
      if (fresh.length) watcher.add(fresh);
    },
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
