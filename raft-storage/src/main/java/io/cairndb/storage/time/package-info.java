/** The hybrid-logical timestamp source and the persistence of its high-water mark. */
package io.cairndb.storage.time;
