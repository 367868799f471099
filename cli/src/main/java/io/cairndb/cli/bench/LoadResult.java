package io.cairndb.cli.bench;

/** What a benchmark's data load did: rows written and the wall time it took. */
record LoadResult(long rows, long nanos) {
  double seconds() {
    return nanos / 1e9;
  }

  double rowsPerSecond() {
    return nanos == 0 ? 0 : rows / seconds();
  }
}
