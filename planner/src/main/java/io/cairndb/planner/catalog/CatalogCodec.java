package io.cairndb.planner.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Serialises a whole {@link Catalog} snapshot as one JSON document (stored under one system key). */
final class CatalogCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The JSON shape; kept separate from Catalog so the in-memory model can evolve. */
    record Document(long version, int nextTableId, List<String> schemas, List<TableDef> tables,
                    List<ViewDef> views) {
    }

    private CatalogCodec() {
    }

    static byte[] encode(Catalog c) {
        try {
            return JSON.writeValueAsBytes(new Document(c.version(), c.nextTableId(), List.copyOf(c.schemas()),
                    List.copyOf(c.tables()), List.copyOf(c.views())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Catalog decode(byte[] bytes) {
        try {
            Document d = JSON.readValue(bytes, Document.class);
            return new Catalog(d.version(), d.nextTableId(), d.schemas(), d.tables(), d.views());
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt catalog document", e);
        }
    }
}
