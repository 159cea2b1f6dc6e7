package io.incidentql.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Test that the adapter's stages depend on each other in one direction only, as the data flows:
 * {@code api} (HTTP) under {@code schema} (the catalog) under {@code plan} (rules and the query
 * they push) under {@code exec} (enumerators), with the Calcite schema and tables of the root
 * package wiring them together. It reads the class names in the constant pool of every compiled
 * class, so a dependency through a method signature or generated code counts as an import does.
 */
class PackageCycleTest {
  private static final String ROOT = "io/incidentql/adapter/";
  private static final Pattern REFERENCE = Pattern.compile(Pattern.quote(ROOT) + "[\\w/$]+");

  @Test
  void theStagesFormNoCycle() throws IOException {
    Map<String, Map<String, String>> edges = dependencies(classes());
    List<String> cycle = cycle(edges);
    assertEquals(List.of(), cycle, () -> "a package cycle: " + describe(cycle, edges));
  }

  @Test
  void theStagesAreLayeredAsTheDataFlows() throws IOException {
    Map<String, Map<String, String>> edges = dependencies(classes());
    List<String> order = List.of("api", "schema", "plan", "exec", "(root)");
    for (Map.Entry<String, Map<String, String>> e : edges.entrySet()) {
      for (Map.Entry<String, String> to : e.getValue().entrySet()) {
        assertFalse(order.indexOf(to.getKey()) > order.indexOf(e.getKey()),
            () -> e.getKey() + " depends on " + to.getKey() + " (" + to.getValue()
                + "), against the data flow " + order);
      }
    }
  }

  /** The search finds a cycle where there is one, and none where there is none. */
  @Test
  void aCycleIsFound() {
    Map<String, Map<String, String>> edges = new TreeMap<>();
    edges.computeIfAbsent("plan", k -> new TreeMap<>()).put("exec", "a");
    edges.computeIfAbsent("exec", k -> new TreeMap<>()).put("schema", "b");
    edges.computeIfAbsent("schema", k -> new TreeMap<>()).put("plan", "c");
    assertEquals(List.of("exec", "schema", "plan", "exec"), cycle(edges));
    edges.get("schema").clear();
    assertEquals(List.of(), cycle(edges));
  }

  /** The compiled main classes of this module. */
  private static List<Path> classes() throws IOException {
    Path dir;
    try {
      dir = Path.of(IncidentIoTable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> out = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
      assertFalse(out.isEmpty(), "no classes under " + dir);
      return out;
    }
  }

  /** For each stage, the stages it uses, each with one class that uses it, for the message. */
  private static Map<String, Map<String, String>> dependencies(List<Path> classes)
      throws IOException {
    Map<String, Map<String, String>> edges = new TreeMap<>();
    for (Path file : classes) {
      String self = null;
      Set<String> used = new TreeSet<>();
      try (InputStream in = Files.newInputStream(file)) {
        for (String name : classNames(new DataInputStream(in))) {
          Matcher m = REFERENCE.matcher(name);
          while (m.find()) {
            used.add(m.group());
          }
        }
      }
      String path = file.toString().replace('\\', '/');
      self = path.substring(path.lastIndexOf(ROOT), path.length() - ".class".length());
      String from = stage(self);
      for (String target : used) {
        String to = stage(target);
        if (!to.equals(from)) {
          edges.computeIfAbsent(from, k -> new TreeMap<>())
              .putIfAbsent(to, self.substring(ROOT.length()) + " uses "
                  + target.substring(ROOT.length()));
        }
      }
    }
    return edges;
  }

  /** The stage of a class: its first package below the root (api.internal is api), or (root). */
  private static String stage(String className) {
    String rest = className.substring(ROOT.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? "(root)" : rest.substring(0, slash);
  }

  /**
   * Returns the UTF-8 constants of a class file that are not string literals: class names,
   * descriptors and signatures, which name every class the class uses.
   */
  private static List<String> classNames(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    BitSet literals = new BitSet();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 8 -> literals.set(in.readUnsignedShort());
        case 7, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> in.skipNBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      if (utf8[i] != null && !literals.get(i)) {
        out.add(utf8[i]);
      }
    }
    return out;
  }

  /** Returns a cycle of the graph as its nodes, the first one again at the end, or none. */
  private static List<String> cycle(Map<String, Map<String, String>> edges) {
    Set<String> done = new TreeSet<>();
    for (String start : edges.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> found = visit(start, edges, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String node, Map<String, Map<String, String>> edges, List<String> path, Set<String> done) {
    int at = path.indexOf(node);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(node);
      return cycle;
    }
    if (done.contains(node)) {
      return List.of();
    }
    path.add(node);
    for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
      List<String> found = visit(next, edges, path, done);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    done.add(node);
    return List.of();
  }

  private static String describe(List<String> cycle, Map<String, Map<String, String>> edges) {
    StringBuilder out = new StringBuilder(String.join(" -> ", cycle));
    for (int i = 0; i + 1 < cycle.size(); i++) {
      out.append("; ").append(edges.get(cycle.get(i)).get(cycle.get(i + 1)));
    }
    return out.toString();
  }
}
