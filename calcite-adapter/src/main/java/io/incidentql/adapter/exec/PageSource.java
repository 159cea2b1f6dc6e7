package io.incidentql.adapter.exec;

import io.incidentql.adapter.api.ApiRequest;

/**
 * Source of the rows of a scan, page by page, as {@link IncidentIoScanEnumerator} reads them:
 * the query's requests sent one after the other ({@link SerialPages}), what is left after the
 * first page read as {@code created_at} windows ({@link WindowedPages}), or the cached pages of
 * a broader scan narrowed locally ({@link NarrowedPages}). Each page goes through
 * a {@link io.incidentql.adapter.api.PageCursor}, which checks it, and the scan's {@link
 * RowConverter}, which decodes it as it is parsed. Not thread-safe.
 */
interface PageSource extends AutoCloseable {
  /** Returns the next row, or null after the last. */
  Object[] next();

  /** Returns the request whose answer the row returned last came in, for messages. */
  ApiRequest at();

  /** Stops the source: nothing more is requested, and calls in flight are aborted. */
  @Override
  void close();
}
