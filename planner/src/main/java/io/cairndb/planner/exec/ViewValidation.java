package io.cairndb.planner.exec;

import io.cairndb.planner.SqlConfig;
import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.catalog.Catalog;
import io.cairndb.planner.catalog.ViewDef;
import io.cairndb.planner.schema.CairnViewTable;
import io.cairndb.planner.schema.SchemaSnapshot;
import java.util.List;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlValidator;

/** Validates view SQL: at CREATE VIEW, when dropping objects a view may depend on, and to type a view. */
public final class ViewValidation {
    private ViewValidation() {
    }

    /** Validates {@code view}'s query against {@code catalog}; returns its column names. */
    public static List<String> validate(Catalog catalog, ViewDef view, io.cairndb.storage.StorageNode storage) {
        SchemaSnapshot snapshot = new SchemaSnapshot(catalog, storage, false, ViewValidation::rowType);
        RelDataType type = rowType(snapshot, new CairnViewTable(view, v -> null));
        return type.getFieldList().stream().map(RelDataTypeField::getName).toList();
    }

    /** The row type of a view, by validating its (alias-wrapped) query in its schema. */
    public static RelDataType rowType(SchemaSnapshot snapshot, CairnViewTable view) {
        SqlNode parsed;
        try {
            parsed = SqlParser.create(view.expandedSql(), SqlConfig.parserConfig()).parseQuery();
        } catch (SqlParseException e) {
            throw new SqlStateException("42601", "syntax error in view " + view.def().qualifiedName() + ": "
                    + e.getMessage(), e);
        }
        if (!parsed.getKind().belongsTo(org.apache.calcite.sql.SqlKind.QUERY)) {
            throw new SqlStateException("42601", "a view must be defined by a query");
        }
        SeriesColumnAlias.apply(parsed); // as for statements, so a view's columns are named as its query's
        CalciteCatalogReader reader = PlanningSession.catalogReader(snapshot, view.def().schema());
        SqlValidator validator = PlanningSession.newValidator(reader);
        try {
            SqlNode validated = validator.validate(parsed);
            return validator.getValidatedNodeType(validated);
        } catch (RuntimeException | AssertionError e) {
            throw SqlErrors.validation(e);
        }
    }
}
