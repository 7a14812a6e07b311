package no.ledger.projections.rebuild;

import java.util.List;

/**
 * A read model table as a rebuild makes it afresh beside the live one: its columns (as the migrations define the
 * live table), the indexes it gets once filled, and the processing group whose token says which events it holds.
 *
 * @param name      the live table's name; a rebuild's copy is named {@code name + suffix}
 * @param group     the processing group that folds events into it
 * @param columns   the column definitions and primary key, as in {@code CREATE TABLE name (columns)}
 * @param indexes   the secondary indexes' columns, each as in {@code CREATE INDEX ... ON name (columns)}
 */
public record ReadModelTable(String name, String group, String columns, List<String> indexes) {

    public String copy(String suffix) {
        return name + suffix;
    }

    public String createStatement(String suffix) {
        return "CREATE TABLE " + copy(suffix) + " (" + columns + ")";
    }

    /** Index names carry the suffix too: index names are unique in a schema, and the copy becomes the live table. */
    public List<String> indexStatements(String suffix) {
        return java.util.stream.IntStream.range(0, indexes.size())
                .mapToObj(index -> "CREATE INDEX " + copy(suffix) + "_i" + index + " ON " + copy(suffix) + " ("
                        + indexes.get(index) + ")")
                .toList();
    }
}
