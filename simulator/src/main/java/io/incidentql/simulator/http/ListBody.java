package io.incidentql.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * Builder of list response bodies: {@code {"<items>": [...], "pagination_meta": {"after",
 * "page_size"[, "total_record_count"]}}}, {@code after} only when there is a next page.
 */
final class ListBody {
  private ListBody() {}

  static <R> ObjectNode of(String itemsName, Pager.Page<R> page, int pageSize,
      Function<R, ObjectNode> render) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode items = body.putArray(itemsName);
    for (R row : page.rows()) {
      items.add(render.apply(row));
    }
    ObjectNode meta = body.putObject("pagination_meta");
    if (page.after() != null) {
      meta.put("after", page.after());
    }
    meta.put("page_size", pageSize);
    if (page.total() >= 0) {
      meta.put("total_record_count", page.total());
    }
    return body;
  }
}
