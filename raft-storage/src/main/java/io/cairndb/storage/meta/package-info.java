/** The meta range's own records: range descriptors, nodes, the timestamp high-water mark and id sequences. */
package io.cairndb.storage.meta;
