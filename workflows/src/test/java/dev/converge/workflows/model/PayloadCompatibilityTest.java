package dev.converge.workflows.model;

import static org.junit.jupiter.api.Assertions.*;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports and progress must read back from JSON that has nulls or gaps where lists were empty. */
class PayloadCompatibilityTest {
  private final DataConverter converter = DefaultDataConverter.newDefaultInstance();

  @Test
  void reportWithNullAndMissingListsReadsAsEmptyLists() {
    ConvergeResult report =
        read(
            "{\"release\":\"shop\",\"namespace\":\"ns\",\"revision\":2,\"outcome\":\"DEPLOYED\","
                + "\"completed\":null,\"failed\":null}",
            ConvergeResult.class);

    assertEquals(Outcome.DEPLOYED, report.outcome());
    assertEquals(List.of(), report.completed());
    assertEquals(List.of(), report.canceled());
    assertEquals(List.of(), report.resources());
  }

  @Test
  void progressWithNullListsReadsAsEmpty() {
    Progress progress =
        read(
            "{\"phase\":\"PLAN\",\"step\":\"x\",\"revision\":0,\"resources\":null,\"lastLogLines\":null}",
            Progress.class);

    assertEquals(Phase.PLAN, progress.phase());
    assertTrue(progress.resources().isEmpty());
    assertTrue(progress.lastLogLines().isEmpty());
  }

  private <T> T read(String json, Class<T> type) {
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();
    return converter.fromPayload(payload, type, type);
  }
}
