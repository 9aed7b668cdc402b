package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generated requests against our OpenAPI document (deploy/schemathesis.sh): no answer is a 5xx. */
class SchemathesisIT extends WithWorkerAndApi {

  @Test
  void generatedRequestsForEveryOperationGetNoServerError() {
    Result result =
        run(
            List.of("bash", "deploy/schemathesis.sh"),
            Map.of(
                "CONVERGE_API",
                "http://127.0.0.1:" + API_PORT,
                "CONVERGE_API_TOKEN",
                API_TOKEN,
                "SCHEMATHESIS_MAX_EXAMPLES",
                "15",
                "SCHEMATHESIS_TIME_LIMIT",
                "240"),
            600);

    assertEquals(
        0,
        result.exit(),
        "schemathesis found a 5xx or did not finish:\n" + tail(result.out()) + tail(result.err()));
    assertTrue(result.out().contains("passed"), tail(result.out()));
    System.out.println(
        "schemathesis summary:\n"
            + result
                .out()
                .lines()
                .filter(l -> l.matches(".*(operations|cases|passed|failed).*"))
                .reduce("", (a, b) -> a + b + "\n"));
  }

  private static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }
}
