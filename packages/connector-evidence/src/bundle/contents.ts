/** An entry of a bundle that is not a regular file: refused, never read or followed. */
export interface RefusedEntry {
  /** Its bundle path. */
  readonly path: string;
  readonly kind: 'symbolic link' | 'hard link' | 'named pipe' | 'socket' | 'device' | 'unsafe path';
}

/** What a bundle holds: its regular files by bundle path, and the entries refused. */
export interface BundleContents {
  readonly files: Map<string, Buffer>;
  readonly refused: RefusedEntry[];
}
