package io.cairndb.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void bannerNamesTheThreePortsAndTheUrlThatListsThem() {
    String url = "jdbc:cairndb://127.0.0.1:4001,127.0.0.1:4002,127.0.0.1:4003";
    String banner = DemoCommand.banner(List.of(4001, 4002, 4003), url, Path.of("/tmp/cairndb-demo-x"));
    assertTrue(banner.contains("three nodes in this process, SQL ports 4001, 4002, 4003\n"), banner);
    assertTrue(banner.contains("JDBC URL: " + url + " "), banner);
    assertTrue(banner.contains("/tmp/cairndb-demo-x"), banner);
    for (String query : DemoData.EXAMPLE_QUERIES) {
      assertTrue(banner.contains(query), query);
    }
  }

  @Test
  void replicaCountReadsTheCommaSeparatedNodeIds() {
    assertEquals(3, DemoCluster.replicaCount("1,2,3"));
    assertEquals(1, DemoCluster.replicaCount("1"));
    assertEquals(0, DemoCluster.replicaCount(""));
    assertEquals(0, DemoCluster.replicaCount(null));
  }
}
