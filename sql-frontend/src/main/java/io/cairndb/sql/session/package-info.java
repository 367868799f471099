/** Client sessions: transaction state, autocommit retries, cancel and timeouts, result cursors. */
package io.cairndb.sql.session;
