package dev.converge.api.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.Priority;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairnessTest {
  private final Fairness fairness =
      new Fairness(
          new FairnessSettings(
              null, Map.of("payments", List.of("pay-api", "prod/pay-db")), Map.of("payments", 3f)));

  @Test
  void everyRunOfAReleaseCountsForItsContextAndNamespace() {
    assertEquals("default/shop", fairness.key("converge/default/shop/web"));
    assertEquals("default/shop", fairness.key("rollback/default/shop/web"));
    assertEquals("default/shop", fairness.key("drift/default/shop/web-now-1a2b3c4d"));
    assertNull(fairness.key("bundle-publish/shop"), "an id naming no namespace has no tenant");
  }

  @Test
  void aTeamStandsForItsNamespacesAndGetsItsWeight() {
    assertEquals("payments", fairness.key("converge/default/pay-api/api"));
    assertEquals("payments", fairness.key("plan/prod/pay-db/db"));
    assertEquals("staging/pay-db", fairness.key("plan/staging/pay-db/db"));
    Priority priority = fairness.priority("converge/default/pay-api/api");
    assertEquals("payments", priority.getFairnessKey());
    assertEquals(3f, priority.getFairnessWeight());
    assertEquals(0f, fairness.priority("converge/default/shop/web").getFairnessWeight());
  }

  @Test
  void longNamesStayWithinTemporalsLimitAndApart() {
    String ns = "n".repeat(63);
    String a = fairness.key("converge/" + "a".repeat(40) + "/" + ns + "/r");
    String b = fairness.key("converge/" + "a".repeat(41) + "/" + ns + "/r");
    assertTrue(a.getBytes(StandardCharsets.UTF_8).length <= Fairness.KEY_BYTES, a);
    assertNotEquals(a, b);
  }

  @Test
  void offMeansNoPriorityAtAll() {
    Fairness off = new Fairness(new FairnessSettings(false, null, null));
    assertNull(off.priority("converge/default/shop/web"));
  }
}
