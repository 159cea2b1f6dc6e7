package io.incidentql.simulator.data;

import static io.incidentql.simulator.data.Catalog.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renderer of alert rows as {@code AlertV2} (full) and {@code AlertSlimV2} (inside incident
 * alerts), properties in the documentation's alphabetical order.
 *
 * <p>Required properties ({@code id}, {@code alert_source_id}, {@code deduplication_key},
 * {@code status}, {@code title}, {@code attributes}, {@code created_at}, {@code updated_at}) are
 * always present; {@code description}, {@code resolved_at} and {@code source_url} are left out
 * (no key at all, never {@code null}) on some rows. About one row in thirty carries a
 * {@code priority} object the documentation does not list.
 */
public final class AlertJson {
  private static final String[] SOURCE_URLS = {
    "https://www.my-alerting-platform.com/alerts/my-alert-{n}",
    "https://app.datadoghq.example/monitors/{n}?from_ts=1700000000&to_ts=1700003600&live=true",
    "https://grafana.example.com/d/abc{n}/überblick?orgId=1&var-env=prod",
  };
  private static final String[] PRIORITIES = {"P1", "P2", "P3", "P4"};

  private AlertJson() {}

  private record Texts3(String title, String description, String sourceUrl,
      SplittableRandom rest) {}

  private static Texts3 derive(AlertRow row) {
    SplittableRandom r = new SplittableRandom(row.renderSeed());
    String title = Texts.pick(r, Texts.ALERT_TITLES);
    String description = r.nextInt(100) < 80 ? Texts.pick(r, Texts.ALERT_DESCRIPTIONS) : null;
    String sourceUrl = r.nextInt(100) < 70 ? Texts.pick(r, SOURCE_URLS) : null;
    return new Texts3(title, description, sourceUrl, r);
  }

  /** The alert's title, as also shown by actors ({@code creator.alert.title}). */
  public static String title(AlertRow row) {
    return derive(row).title();
  }

  /** The alert as {@code AlertV2}. */
  public static ObjectNode full(Tables tables, AlertRow row) {
    Texts3 texts = derive(row);
    SplittableRandom r = texts.rest();
    Catalog catalog = tables.catalog();
    ObjectNode node = JSON.objectNode();
    node.put("alert_source_id", catalog.alertSources().get(row.sourceIndex()).id());
    ArrayNode attributes = node.putArray("attributes");
    if (r.nextInt(100) >= 20) {
      List<Catalog.AttributeDef> defs = catalog.attributes();
      int count = 1 + r.nextInt(3);
      int start = r.nextInt(defs.size());
      for (int k = 0; k < count; k++) {
        attributes.add(attribute(defs.get((start + k) % defs.size()), r));
      }
    }
    node.put("created_at", Timestamps.format(row.createdMicros()));
    node.put("deduplication_key", row.deduplicationKey());
    if (texts.description() != null) {
      node.put("description", texts.description());
    }
    node.put("id", row.id());
    if (r.nextInt(30) == 0) {
      int p = r.nextInt(PRIORITIES.length);
      node.putObject("priority").put("id", Ulid.next(row.createdMicros() / 1000, r))
          .put("name", PRIORITIES[p]).put("rank", p + 1);
    }
    return finish(node, row, texts);
  }

  /** The alert as {@code AlertSlimV2}: without attributes. */
  public static ObjectNode slim(Tables tables, AlertRow row) {
    Texts3 texts = derive(row);
    ObjectNode node = JSON.objectNode();
    node.put("alert_source_id", tables.catalog().alertSources().get(row.sourceIndex()).id());
    node.put("created_at", Timestamps.format(row.createdMicros()));
    node.put("deduplication_key", row.deduplicationKey());
    if (texts.description() != null) {
      node.put("description", texts.description());
    }
    node.put("id", row.id());
    return finish(node, row, texts);
  }

  private static ObjectNode finish(ObjectNode node, AlertRow row, Texts3 texts) {
    if (row.resolvedMicros() != AlertRow.ABSENT) {
      node.put("resolved_at", Timestamps.format(row.resolvedMicros()));
    }
    if (texts.sourceUrl() != null) {
      node.put("source_url", texts.sourceUrl());
    }
    node.put("status", row.status());
    node.put("title", texts.title());
    node.put("updated_at", Timestamps.format(row.updatedMicros()));
    return node;
  }

  private static ObjectNode attribute(Catalog.AttributeDef def, SplittableRandom r) {
    List<Catalog.AttributeValue> values = def.values();
    ObjectNode entry = JSON.objectNode();
    if (def.array()) {
      ArrayNode list = entry.putArray("array_value");
      int count = r.nextInt(Math.min(3, values.size()) + 1);
      int start = r.nextInt(values.size());
      for (int k = 0; k < count; k++) {
        list.add(values.get((start + k) % values.size()).toJson());
      }
    }
    entry.set("attribute", def.toJson());
    if (!def.array()) {
      entry.set("value", values.get(r.nextInt(values.size())).toJson());
    }
    return entry;
  }
}
