package dev.converge.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "90s, 90",
    "4m, 240",
    "1h30m, 5400",
    "2h, 7200",
    "1m30s, 90",
    "1500ms, 1",
    "999ms, 0",
    "0s, 0",
    "' 45s ', 45",
    "1h0m5s, 3605"
  })
  void readsGoStyleDurationsAsWholeSeconds(String text, int seconds) {
    assertEquals(seconds, Durations.seconds(text));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "abc", "90", "s", "1x", "1h 30m", "-5s", "30s garbage", "m5", "1d"})
  void rejectsWhatIsNoDuration(String text) {
    assertEquals(-1, Durations.seconds(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999s", "9999999999999999h", "600000h", "2147483648s"})
  void rejectsDurationsBeyondIntSecondsInsteadOfThrowing(String text) {
    assertEquals(-1, Durations.seconds(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2147483647s", "596523h14m7s"})
  void acceptsTheLargestIntSeconds(String text) {
    assertEquals(Integer.MAX_VALUE, Durations.seconds(text));
  }
}
