/**
 * The versioned catalog: immutable model records ({@link io.cairndb.planner.catalog.TableDef},
 * {@link io.cairndb.planner.catalog.ViewDef}, ...), snapshots ({@link io.cairndb.planner.catalog.Catalog}) and the
 * {@link io.cairndb.planner.catalog.CatalogManager} that applies DDL transactionally to the JSON document stored
 * under a system key.
 */
package io.cairndb.planner.catalog;
