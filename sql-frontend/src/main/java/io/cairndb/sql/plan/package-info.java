/** The node's plan cache. */
package io.cairndb.sql.plan;
