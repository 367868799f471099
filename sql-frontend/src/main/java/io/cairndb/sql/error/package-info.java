/** Translation of failures into SQLSTATE-carrying exceptions. */
package io.cairndb.sql.error;
