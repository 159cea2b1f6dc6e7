package io.incidentql.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Launcher of fresh JVMs with the benchmark's own class path, for start-up and memory runs. */
final class Forks {
  private Forks() {}

  static Process start(List<String> jvmArgs, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Runs a JVM to its end (at most {@code timeoutSeconds}) and returns what it printed. */
  static List<String> run(List<String> jvmArgs, String mainClass, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    Process p = start(jvmArgs, mainClass, args);
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    }
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not finish in " + timeoutSeconds + " s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(mainClass + " failed: " + String.join("\n", lines));
    }
    return lines;
  }

  /** Returns the number after {@code key=} on the line that has it. */
  static double value(List<String> lines, String key) {
    for (String l : lines) {
      int i = l.indexOf(key + "=");
      if (i >= 0) {
        String rest = l.substring(i + key.length() + 1).split("\\s")[0];
        return Double.parseDouble(rest);
      }
    }
    throw new IllegalStateException("no " + key + " in " + lines);
  }
}
