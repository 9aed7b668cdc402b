package dev.converge.e2e;

import static dev.converge.e2e.Stack.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health and Prometheus metrics of our worker and API processes after a real converge. */
class MetricsIT extends WithWorkerAndApi {
  private static final String API = "http://127.0.0.1:" + API_PORT;

  @Test
  void theWorkerCountsTheConvergeAndBothProcessesReportHealth() throws Exception {
    String ns = E2e.namespace("i6b-metrics");
    HttpResponse<String> started =
        send(
            HttpRequest.newBuilder(URI.create(API + "/api/v1/converges?wait=true"))
                .header("Authorization", "Bearer " + API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        E2e.json(
                            Map.of("release", "shop", "namespace", ns, "chart", "examples/shop"))))
                .build());
    assertEquals(200, started.statusCode(), started.body());

    String workerUrl = "http://127.0.0.1:" + workerPort();
    String metrics =
        send(HttpRequest.newBuilder(URI.create(workerUrl + "/actuator/prometheus")).build()).body();
    assertTrue(metrics.contains("converge_started_total 1.0"), metrics);
    assertTrue(metrics.contains("converge_ended_total{outcome=\"deployed\"} 1.0"), metrics);
    assertTrue(
        metrics.contains("converge_duration_seconds_count{outcome=\"deployed\"} 1"), metrics);
    assertTrue(
        send(HttpRequest.newBuilder(URI.create(workerUrl + "/actuator/health")).build())
            .body()
            .contains("\"UP\""));
    assertTrue(
        send(HttpRequest.newBuilder(URI.create(API + "/actuator/health")).build())
            .body()
            .contains("\"UP\""));
    assertEquals(
        200,
        send(HttpRequest.newBuilder(URI.create(API + "/actuator/prometheus")).build())
            .statusCode());
  }

  /** Our workers take a free management port (several run at once); Tomcat names it in the log. */
  private static int workerPort() throws Exception {
    Matcher m =
        Pattern.compile("Tomcat started on port (\\d+)").matcher(Files.readString(worker.log));
    assertTrue(m.find(), "worker log names its management port");
    return Integer.parseInt(m.group(1));
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
