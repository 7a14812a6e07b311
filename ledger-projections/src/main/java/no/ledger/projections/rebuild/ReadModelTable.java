package no.ledger.projections.rebuild;

import java.util.ArrayList;
import java.util.List;

/**
 * A read model table as a rebuild makes it afresh beside the live one: its columns (as the migrations define the
 * live table), its primary key and the indexes it gets once filled, and the processing group whose token says which
 * events it holds.
 *
 * @param name       the live table's name; a rebuild's copy is named {@code name + suffix}
 * @param group      the processing group that folds events into it
 * @param columns    the column definitions, as in {@code CREATE TABLE name (columns)} on PostgreSQL; H2, which has
 *                   no column collations, takes them without {@link ReadModelTables#BYTE_ORDER}
 * @param primaryKey the primary key's columns, as in {@code PRIMARY KEY (primaryKey)}
 * @param indexes    the secondary indexes' columns, each as in {@code CREATE INDEX ... ON name (columns)}
 */
public record ReadModelTable(String name, String group, String columns, String primaryKey, List<String> indexes) {

    public String copy(String suffix) {
        return name + suffix;
    }

    /**
     * The copy without its primary key: a key of random event ids, kept up row by row while millions of rows go in,
     * cost PostgreSQL more than the rows themselves; built once from the full table, it costs a fraction.
     */
    public String createStatement(String suffix, boolean postgres) {
        return "CREATE TABLE " + copy(suffix) + " (" + (postgres ? columns
                : columns.replace(ReadModelTables.BYTE_ORDER, "")) + ")";
    }

    /**
     * The primary key, then the secondary indexes, for a filled copy. Names carry the suffix too: index and
     * constraint names are unique in a schema, and the copy becomes the live table.
     */
    public List<String> indexStatements(String suffix) {
        List<String> statements = new ArrayList<>();
        statements.add("ALTER TABLE " + copy(suffix) + " ADD CONSTRAINT " + copy(suffix) + "_pk PRIMARY KEY ("
                + primaryKey + ")");
        for (int index = 0; index < indexes.size(); index++) {
            statements.add("CREATE INDEX " + copy(suffix) + "_i" + index + " ON " + copy(suffix) + " ("
                    + indexes.get(index) + ")");
        }
        return statements;
    }
}
