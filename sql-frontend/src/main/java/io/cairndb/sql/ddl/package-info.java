/** DDL statements carried out against the catalog, and SQL type names resolved to column types. */
package io.cairndb.sql.ddl;
