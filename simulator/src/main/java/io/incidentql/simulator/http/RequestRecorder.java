package io.incidentql.simulator.http;

import java.util.List;
import java.util.Map;

/** Receiver of one entry per request handled, for the simulator's request log. */
@FunctionalInterface
public interface RequestRecorder {
  /**
   * @param params decoded query parameters in the order sent
   * @param status the status sent, or 0 when the connection was closed without a response
   */
  void record(String method, String path, List<Map.Entry<String, String>> params, int status);
}
