package dev.converge.workflows.model;

import static org.junit.jupiter.api.Assertions.*;

import com.google.protobuf.ByteString;
import dev.converge.workflows.codec.CodecKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports and progress must read back from JSON that has nulls or gaps where lists were empty. */
class PayloadCompatibilityTest {
  private final DataConverter converter = CodecKeys.tolerantJson();

  @Test
  void reportFromANewerWorkerWithAFieldThisCodeDoesNotKnowReads() {
    ConvergeResult report =
        read(
            "{\"release\":\"shop\",\"outcome\":\"SKIPPED\",\"revision\":3,"
                + "\"addedInALaterRelease\":{\"x\":1}}",
            ConvergeResult.class);
    assertEquals(Outcome.SKIPPED, report.outcome());
    assertEquals(3, report.revision());
  }

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
