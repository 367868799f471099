/** The SQL service API of a node: engines, sessions, statement results. See the module README. */
package io.cairndb.sql;
