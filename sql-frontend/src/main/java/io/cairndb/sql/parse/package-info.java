/** Tokenizer and parser for DDL, transaction control and SET; everything else is parsed by Calcite. */
package io.cairndb.sql.parse;
