package io.cairndb.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairndb.cli.shell.TableFormatter.Column;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatterTest {

  @Test
  void alignsColumnsNumbersRightTextLeft() {
    String table = TableFormatter.format(
        List.of(Column.right("id"), Column.left("name")),
        List.of(List.of("1", "alice"), List.of("100", "bob")));
    assertEquals(String.join("\n",
        "  id | name",
        "-----+-------",
        "   1 | alice",
        " 100 | bob",
        ""), table);
  }

  @Test
  void showsNullAsNullAndWidensForHeadings() {
    String table = TableFormatter.format(
        List.of(Column.left("long heading"), Column.right("n")),
        List.of(Arrays.asList(null, "7")));
    assertEquals(String.join("\n",
        " long heading | n",
        "--------------+---",
        " NULL         | 7",
        ""), table);
  }

  @Test
  void escapesLineBreaksSoEachRowStaysOnOneLine() {
    String table = TableFormatter.format(List.of(Column.left("v")), List.of(List.of("a\nb\tc")));
    assertEquals(" v\n---------\n a\\nb\\tc\n", table);
  }

  @Test
  void printsHeaderForEmptyResult() {
    String table = TableFormatter.format(List.of(Column.left("a"), Column.left("b")), List.of());
    assertEquals(" a | b\n---+---\n", table);
  }

  @Test
  void countsCodePointsNotCharsForWidth() {
    String emoji = new String(Character.toChars(0x1F600));
    String table = TableFormatter.format(List.of(Column.left("xy")), List.of(List.of(emoji)));
    assertEquals(" xy\n----\n " + emoji + "\n", table);
  }

  @Test
  void rejectsRowsOfTheWrongWidth() {
    assertThrows(IllegalArgumentException.class,
        () -> TableFormatter.format(List.of(Column.left("a")), List.of(List.of("1", "2"))));
  }

  @Test
  void rowCountFooterUsesSingularForOne() {
    assertEquals("(1 row)", TableFormatter.rowCount(1));
    assertEquals("(0 rows)", TableFormatter.rowCount(0));
    assertEquals("(12 rows)", TableFormatter.rowCount(12));
  }
}
