/** DatabaseMetaData result sets built from the catalog. */
package io.cairndb.sql.meta;
