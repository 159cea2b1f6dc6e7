package io.incidentql.adapter.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.ListPage;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.ColumnType;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of the conversion of JSON rows into Calcite values. */
class RowConverterTest {
  /** Returns an example response of the API's documentation, from the test resources. */
  private static JsonNode example(String name) {
    try (InputStream in = RowConverterTest.class.getResourceAsStream("/api-examples/" + name)) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A table with one column of each type, some of them nested. */
  private static final TableDef TYPES =
      TableDef.builder("types", "/v2/types", "types")
          .pages(50, false)
          .remarks("Every column type.")
          .columns(List.of(
              ColumnDef.of("id", ColumnType.VARCHAR, false, "id"),
              ColumnDef.of("count", ColumnType.BIGINT, false, "a count"),
              ColumnDef.of("ratio", ColumnType.DOUBLE, false, "a ratio"),
              ColumnDef.of("flag", ColumnType.BOOLEAN, false, "a flag"),
              ColumnDef.of("at", ColumnType.TIMESTAMP, false, "a time"),
              ColumnDef.of("list", ColumnType.JSON, false, "a list"),
              ColumnDef.of("outer.inner.name", ColumnType.VARCHAR, false, "deep")))
          .build();

  private static final RowConverter CONVERTER = new RowConverter(TYPES);

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Converts a row both ways the driver does, from a tree and streaming from a page's bytes, and
   * returns the values (or throws the error) after checking that both ways agree.
   */
  private static Object[] convert(String row) {
    return convert(CONVERTER, row);
  }

  private static Object[] convert(RowConverter converter, String row) {
    Object[] fromTree = null;
    ApiResponseException treeError = null;
    try {
      fromTree = converter.convert(json(row));
    } catch (ApiResponseException e) {
      treeError = e;
    }
    Object[] streamed = null;
    ApiResponseException streamError = null;
    try {
      streamed = streamed(converter, row);
    } catch (ApiResponseException e) {
      streamError = e;
    }
    if (treeError != null || streamError != null) {
      assertEquals(
          treeError == null ? null : treeError.getMessage(),
          streamError == null ? null : streamError.getMessage());
      throw streamError;
    }
    assertArrayEquals(fromTree, streamed, row);
    return streamed;
  }

  /** Reads the row as the only item of a page, the way the driver reads a response. */
  private static Object[] streamed(RowConverter converter, String row) {
    try {
      byte[] page = ("{\"types\":[" + row + "],\"pagination_meta\":{}}")
          .getBytes(StandardCharsets.UTF_8);
      ListPage<Object[]> read = ListPage.parse(page, "types", converter);
      assertEquals(1, read.size());
      return read.item(0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aRowWithoutAFieldTheApiDocumentsAsAlwaysPresentFails() {
    TableDef strict = TableDef.builder("strict", "/v2/strict", "strict")
        .remarks("A table with a required column.")
        .columns(List.of(ColumnDef.of("id", ColumnType.VARCHAR, true, "id"),
            ColumnDef.of("name", ColumnType.VARCHAR, true, "name"),
            ColumnDef.of("note", ColumnType.VARCHAR, false, "note")))
        .build();
    RowConverter c = new RowConverter(strict);
    assertEquals(List.of("a", "b"), java.util.Arrays.asList(c.convert(json("{\"id\":\"a\",\"name\":\"b\"}"))).subList(0, 2));
    ApiResponseException e = org.junit.jupiter.api.Assertions.assertThrows(ApiResponseException.class,
        () -> c.convert(json("{\"id\":\"a\",\"name\":null}")));
    assertEquals("incident.io API sent a row of table strict (id \"a\") without 'name', which the"
        + " API documents as always present (column name, NOT NULL)", e.getMessage());
  }

  @Test
  void convertsEachTypeToCalcitesRepresentation() {
    Object[] row =
        convert(
            "{\"id\":\"01A\",\"count\":9007199254740993,\"ratio\":40.7,\"flag\":true,"
                + "\"at\":\"2021-08-17T13:28:57.801578Z\",\"list\":[{\"b\": 1, \"a\": [true, null]}],"
                + "\"outer\":{\"inner\":{\"name\":\"deep\"}}}");
    assertArrayEquals(
        new Object[] {
          "01A",
          9007199254740993L,
          40.7,
          true,
          millis("2021-08-17T13:28:57.801Z"),
          "[{\"b\":1,\"a\":[true,null]}]",
          "deep"
        },
        row);
    assertEquals(Long.class, row[1].getClass());
    assertEquals(Double.class, row[2].getClass());
    assertEquals(Long.class, row[4].getClass());
  }

  @Test
  void anIntegerInADoubleColumnIsADouble() {
    Object[] row = convert("{\"id\":\"x\",\"ratio\":0}");
    assertEquals(0.0, row[2]);
    assertEquals(Double.class, row[2].getClass());
  }

  @Test
  void anIntegralFloatInABigintColumnIsALong() {
    assertEquals(4L, convert("{\"id\":\"x\",\"count\":4.0}")[1]);
  }

  @Test
  void missingFieldsAndJsonNullAreNull() {
    assertArrayEquals(new Object[7], convert("{}"));
    assertArrayEquals(
        new Object[] {null, null, null, null, null, null, null},
        convert(
            "{\"id\":null,\"count\":null,\"ratio\":null,\"flag\":null,\"at\":null,\"list\":null,"
                + "\"outer\":{\"inner\":null}}"));
  }

  @Test
  void aMissingOrNullParentObjectGivesNull() {
    assertNull(convert("{\"id\":\"x\"}")[6]);
    assertNull(convert("{\"id\":\"x\",\"outer\":null}")[6]);
    assertNull(convert("{\"id\":\"x\",\"outer\":{}}")[6]);
  }

  @Test
  void keepsUnicodeIntact() {
    Object[] row =
        convert("{\"id\":\"Ünïcödé ✓ 🚒 \\u00e9\",\"list\":[\"日本語\",\"🚒\"]}");
    assertEquals("Ünïcödé ✓ 🚒 é", row[0]);
    assertEquals("[\"日本語\",\"🚒\"]", row[5]);
  }

  @Test
  void ignoresUnknownFields() {
    assertEquals("x", convert("{\"id\":\"x\",\"brand_new\":{\"a\":[1]}}")[0]);
  }

  @Test
  void aScalarInAVarcharColumnIsItsText() {
    assertEquals("123", convert("{\"id\":123}")[0]);
    assertEquals("true", convert("{\"id\":true}")[0]);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2021-08-17T13:28:57.801578Z, 2021-08-17T13:28:57.801Z",
    "2021-08-17T13:28:57.801999999Z, 2021-08-17T13:28:57.801Z",
    "2021-08-17T13:28:57.8Z, 2021-08-17T13:28:57.800Z",
    "2021-08-17T13:28:57.80Z, 2021-08-17T13:28:57.800Z",
    "2021-08-17T13:28:57Z, 2021-08-17T13:28:57Z",
    "2021-08-17t13:28:57.5z, 2021-08-17T13:28:57.500Z",
    "2021-08-17T15:28:57.801578+02:00, 2021-08-17T13:28:57.801Z",
    "2021-08-17T08:58:57.801-04:30, 2021-08-17T13:28:57.801Z",
    "2024-02-29T23:59:59.999Z, 2024-02-29T23:59:59.999Z",
    "2000-03-01T00:00:00Z, 2000-03-01T00:00:00Z",
    "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
    "1969-12-31T23:59:59.5Z, 1969-12-31T23:59:59.500Z",
    "1600-02-29T12:00:00Z, 1600-02-29T12:00:00Z",
    "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z"
  })
  void timestampsAreUtcMillisecondsWithFinerDigitsTruncated(String text, String expected) {
    assertEquals(millis(expected), convert("{\"at\":\"" + text + "\"}")[4]);
  }

  @Test
  void theHandParserAgreesWithJavaTimeOverManyInstants() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong() % 8_000_000_000L;
      int nanos = random.nextInt(1_000_000_000);
      int offsetMinutes = (random.nextInt(24 * 60 * 2 - 1) - (24 * 60 - 1));
      OffsetDateTime t =
          Instant.ofEpochSecond(seconds, nanos)
              .atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60 % 64800));
      String text = t.toString();
      if (!text.matches("\\d{4}-.*")) {
        continue;
      }
      long expected = t.toInstant().toEpochMilli();
      assertEquals(expected, convert("{\"at\":\"" + text + "\"}")[4], text);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2021-02-29T00:00:00Z",
        "2021-13-01T00:00:00Z",
        "2021-08-17T24:00:00Z",
        "2021-08-17T13:28:57",
        "2021-08-17",
        "yesterday",
        ""
      })
  void anInvalidTimestampIsAnErrorNamingTheColumn(String text) {
    ApiResponseException e =
        assertThrows(
            ApiResponseException.class, () -> convert("{\"id\":\"01A\",\"at\":\"" + text + "\"}"));
    assertTrue(
        e.getMessage().contains("column at (TIMESTAMP), row id \"01A\": expected an RFC 3339"
            + " date-time string at 'at'"),
        e.getMessage());
  }

  @Test
  void aStringWhereANumberBelongsIsAnErrorNamingTableColumnAndRow() {
    TableDef incidents = IncidentIoTables.byName("incidents");
    RowConverter converter = new RowConverter(incidents);
    JsonNode row =
        json("{\"id\":\"01FDAG4SAP5TYPT98WGR2N7W91\",\"severity\":{\"rank\":\"high\"}}");
    ApiResponseException e = assertThrows(ApiResponseException.class, () -> converter.convert(row));
    assertEquals(
        "incident.io API sent a value that does not fit table incidents, column severity_rank"
            + " (BIGINT), row id \"01FDAG4SAP5TYPT98WGR2N7W91\": expected an integer at"
            + " 'severity.rank', got the string \"high\"",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"count\":\"12\"}|column count (BIGINT), row id (none): expected an integer at 'count', got the string \"12\"",
        "{\"count\":1.5}|expected an integer at 'count', got the number 1.5",
        "{\"ratio\":\"1.5\"}|expected a number at 'ratio', got the string \"1.5\"",
        "{\"flag\":\"true\"}|expected a boolean at 'flag', got the string \"true\"",
        "{\"flag\":1}|expected a boolean at 'flag', got the number 1",
        "{\"at\":1629206937}|expected an RFC 3339 date-time string at 'at', got the number 1629206937",
        "{\"id\":{\"a\":1}}|expected a string at 'id', got an object",
        "{\"id\":[\"a\"]}|expected a string at 'id', got an array",
        "{\"outer\":\"flat\"}|column outer_inner_name (VARCHAR), row id (none): expected an object at 'outer', got the string \"flat\"",
        "{\"outer\":{\"inner\":[1]}}|expected an object at 'outer.inner', got an array"
      })
  void aValueOfTheWrongTypeIsAnErrorNotAClassCastException(String row, String message) {
    ApiResponseException e = assertThrows(ApiResponseException.class, () -> convert(row));
    assertTrue(e.getMessage().endsWith(message), e.getMessage());
  }

  @Test
  void aProjectionYieldsTheChosenColumnsInOrder() {
    RowConverter projected = new RowConverter(TYPES, new int[] {6, 0});
    assertEquals(2, projected.width());
    assertArrayEquals(
        new Object[] {"deep", "x"},
        convert(projected, "{\"id\":\"x\",\"count\":\"not checked\",\"outer\":{\"inner\":{\"name\":\"deep\"}}}"));
  }

  @Test
  void aColumnProjectedTwiceGetsTheValueTwice() {
    RowConverter twice = new RowConverter(TYPES, new int[] {1, 1, 0});
    assertArrayEquals(new Object[] {7L, 7L, "x"}, convert(twice, "{\"id\":\"x\",\"count\":7}"));
  }

  @Test
  void theFirstColumnInProjectionOrderThatDoesNotFitIsReported() {
    RowConverter reordered = new RowConverter(TYPES, new int[] {3, 1});
    ApiResponseException e =
        assertThrows(
            ApiResponseException.class,
            () -> convert(reordered, "{\"count\":\"x\",\"flag\":\"y\",\"id\":\"01B\"}"));
    assertTrue(e.getMessage().endsWith(
        "column flag (BOOLEAN), row id \"01B\": expected a boolean at 'flag', got the string \"y\""),
        e.getMessage());
  }

  /** JSON values whose compact text could differ from their bytes in the page. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "[1.0, 1e3, 1E-7, 0.5, 100.10, -2.50e+2]",
        "[-0, 0, -12, 12345678901234567890, -9223372036854775809]",
        "[\"a\\\"b\", \"\\u00e9\", \"\\/\", \"tab\\there\", \"\\u001f\", \"back\\\\slash\"]",
        "{\"a\" : [ true , null , false ] ,\n \"b\":{}}",
        "[\"日本語\",\"🚒\",\"Ünïcödé\"]",
        "[[],{},[[{}]],\"\"]",
        "[{\"k\":\"v\",\"n\":1,\"t\":true,\"z\":null}]",
        "[false,true,10,-3,{\"e\":\"true\"}]",
        "[1e5,2E3,-0.0,0.0]",
        "{\"a\":{\"b\":[1,{\"c\":\"\\\"quoted\\\" \\uD83D\\uDED2\"}]}}",
        "\"a scalar\"",
        "42",
        "4.20"
      })
  void jsonColumnsGiveTheTextATreeWouldWrite(String value) {
    String expected = Json.toText(json(value));
    Object[] row = convert("{\"list\":" + value + "}");
    assertEquals(expected, row[5]);
  }

  @Test
  void jsonColumnsGiveTheTextATreeWouldWriteForManyRandomValues() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 3_000; i++) {
      StringBuilder value = new StringBuilder();
      randomJson(random, value, 0);
      String text = value.toString();
      assertEquals(Json.toText(json(text)), convert("{\"list\":" + text + "}")[5], text);
    }
  }

  /** Appends a random array or object (at depth 0) or value, written in varied but valid ways. */
  private static void randomJson(java.util.Random random, StringBuilder out, int depth) {
    int kind = depth == 0 ? random.nextInt(2) : random.nextInt(depth > 3 ? 6 : 8);
    String space = random.nextInt(4) == 0 ? " " : random.nextInt(8) == 0 ? "\n\t" : "";
    switch (kind) {
      case 0, 1 -> {
        boolean array = kind == 0;
        out.append(array ? '[' : '{').append(space);
        int n = random.nextInt(4);
        for (int k = 0; k < n; k++) {
          if (k > 0) {
            out.append(',').append(space);
          }
          if (!array) {
            // Distinct keys: a tree keeps only the last of equal ones (see CompactJson).
            out.append("\"k").append(k).append('"').append(space).append(':').append(space);
          }
          randomJson(random, out, depth + 1);
        }
        out.append(space).append(array ? ']' : '}');
      }
      case 2 -> randomString(random, out);
      case 3 -> out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
      case 4 -> out.append(List.of("0", "-0", "7", "-12", "2147483648", "-9223372036854775808",
          "123456789012345678901234567890").get(random.nextInt(7)));
      case 5 -> out.append(List.of("1.0", "1.50", "1e3", "-2.5E-3", "0.1", "-0.0", "1E+2", "100.0",
          "12345678.9").get(random.nextInt(9)));
      default -> randomString(random, out);
    }
  }

  private static void randomString(java.util.Random random, StringBuilder out) {
    out.append('"');
    int n = random.nextInt(6);
    for (int k = 0; k < n; k++) {
      int cp = switch (random.nextInt(7)) {
        case 0 -> random.nextInt(0x20);
        case 1 -> "\"\\/".charAt(random.nextInt(3));
        case 2 -> 0x80 + random.nextInt(0x780);
        case 3 -> 0x800 + random.nextInt(0xD000);
        case 4 -> 0x10000 + random.nextInt(0x10000);
        default -> 'a' + random.nextInt(26);
      };
      boolean escape = cp < 0x20 || cp == '"' || cp == '\\' || random.nextInt(3) == 0;
      if (!escape) {
        out.appendCodePoint(cp);
      } else if (cp == '"' || cp == '\\' || (cp == '/' && random.nextBoolean())) {
        out.append('\\').append((char) cp);
      } else if ("\b\t\n\f\r".indexOf(cp) >= 0 && random.nextBoolean()) {
        out.append('\\').append("btnfr".charAt("\b\t\n\f\r".indexOf(cp)));
      } else {
        for (char unit : Character.toChars(cp)) {
          String hex = String.format("%04x", (int) unit);
          out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
        }
      }
    }
    out.append('"');
  }

  @Test
  void aRejectedRowFailsOnlyWhenReachedAndTheRowsAroundItAreRead() throws IOException {
    byte[] page = ("{\"types\":[{\"id\":\"a\"},{\"id\":\"b\",\"flag\":3},{\"id\":\"c\"},7],"
        + "\"pagination_meta\":{\"after\":\"c\"}}").getBytes(StandardCharsets.UTF_8);
    ListPage<Object[]> read = ListPage.parse(page, "types", CONVERTER);
    assertEquals(4, read.size());
    assertEquals("a", read.item(0)[0]);
    ApiResponseException e = assertThrows(ApiResponseException.class, () -> read.item(1));
    assertTrue(e.getMessage().endsWith("row id \"b\": expected a boolean at 'flag', got the number 3"),
        e.getMessage());
    assertEquals("c", read.item(2)[0]);
    ApiResponseException notObject = assertThrows(ApiResponseException.class, () -> read.item(3));
    assertEquals(
        "incident.io API sent a row of table types that is not a JSON object: the number 7",
        notObject.getMessage());
    assertEquals("c", read.paginationMeta().get("after").asText());
  }

  @Test
  void everyTableConvertsEveryProjectionOfItsDocumentedExampleAlikeBothWays() {
    for (String[] t :
        new String[][] {
          {"alerts", "alerts.json"},
          {"incidents", "incidents.json"},
          {"incident_alerts", "incident_alerts.json"},
          {"incident_updates", "incident_updates.json"}
        }) {
      TableDef def = IncidentIoTables.byName(t[0]);
      String row = Json.toText(example(t[1]).get(def.itemsField()).get(0));
      Object[] all = convert(new RowConverter(def), row);
      for (int i = 0; i < def.columns().size(); i++) {
        assertArrayEquals(
            new Object[] {all[i]}, convert(new RowConverter(def, new int[] {i}), row),
            def.columns().get(i).name());
      }
    }
  }

  @Test
  void convertsTheDocumentedIncidentExample() {
    TableDef incidents = IncidentIoTables.byName("incidents");
    Object[] row =
        new RowConverter(incidents)
            .convert(example("incidents.json").get("incidents").get(0));
    assertEquals("01FDAG4SAP5TYPT98WGR2N7W91", row[incidents.columnIndex("id")]);
    assertEquals("triage", row[incidents.columnIndex("incident_status_category")]);
    assertEquals(4L, row[incidents.columnIndex("incident_status_rank")]);
    assertEquals("lisa@incident.io", row[incidents.columnIndex("creator_user_email")]);
    assertEquals("asana", row[incidents.columnIndex("external_issue_reference_provider")]);
    assertEquals(false, row[incidents.columnIndex("has_debrief")]);
    assertEquals(40.7, row[incidents.columnIndex("workload_minutes_late")]);
    assertEquals(0.0, row[incidents.columnIndex("workload_minutes_sleeping")]);
    assertEquals(
        millis("2021-08-17T13:28:57.801Z"), row[incidents.columnIndex("incident_type_created_at")]);
    assertEquals(
        "[\"01FCNDV6P870EA6S7TK1DSYD5H\"]", row[incidents.columnIndex("postmortem_document_ids")]);
    assertEquals(
        "[{\"duration_metric\":{\"id\":\"01FCNDV6P870EA6S7TK1DSYD5H\",\"name\":\"Lasted\"},"
            + "\"value_seconds\":10800}]",
        row[incidents.columnIndex("duration_metrics")]);
    for (int i = 0; i < row.length; i++) {
      assertTrue(row[i] != null, incidents.columns().get(i).name() + " is null");
    }
  }

  @Test
  void convertsTheDocumentedExamplesOfEveryTableWithoutNulls() {
    for (String[] t :
        new String[][] {
          {"alerts", "alerts.json"},
          {"incident_alerts", "incident_alerts.json"},
          {"incident_updates", "incident_updates.json"}
        }) {
      TableDef def = IncidentIoTables.byName(t[0]);
      Object[] row =
          new RowConverter(def)
              .convert(example(t[1]).get(def.itemsField()).get(0));
      for (int i = 0; i < row.length; i++) {
        assertTrue(row[i] != null, t[0] + "." + def.columns().get(i).name() + " is null");
      }
    }
    TableDef incidentAlerts = IncidentIoTables.byName("incident_alerts");
    Object[] row =
        new RowConverter(incidentAlerts)
            .convert(example("incident_alerts.json").get("incident_alerts").get(0));
    assertEquals(123L, row[incidentAlerts.columnIndex("incident_external_id")]);
    assertEquals("INC-123", row[incidentAlerts.columnIndex("incident_reference")]);
    assertEquals(
        "*errors.withMessage: PG::Error failed to connect",
        row[incidentAlerts.columnIndex("alert_title")]);
  }
}
