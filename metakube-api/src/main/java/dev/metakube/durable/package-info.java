/**
 * How MetaKube keeps state on disk, for every store and for backend authors who keep files of their own. Use
 * these rather than writing files directly; they are what the crash tests (kill -9, torn tail, bit flip, failed
 * fsync) prove.
 *
 * <ul>
 *   <li>{@link dev.metakube.durable.RecordLog}: an append-only log of records with a CRC-32C each, group commit
 *       (concurrent writers share one fsync), torn-tail truncation on open and a loud
 *       {@link dev.metakube.api.StorageCorruptedException} naming file and offset for damage anywhere else.
 *       A record is acknowledged only once it is forced to disk.</li>
 *   <li>{@link dev.metakube.durable.AtomicFile}: a file replaced as a whole (write a temporary file, fsync,
 *       rename, fsync the directory), optionally with a checksum line; for snapshots and small state.</li>
 *   <li>{@link dev.metakube.durable.Fsync}: the one way data is forced to disk; tests substitute one that fails.</li>
 *   <li>{@link dev.metakube.durable.DataDirectoryLock}: one process per data directory; the engine takes it
 *       before any store opens the directory.</li>
 * </ul>
 *
 * <p>A store built on these never reports a write as done before it is durable, never repairs damaged data
 * silently, and never overwrites a file it could not read.
 */
package dev.metakube.durable;
