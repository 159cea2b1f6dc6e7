package io.incidentql.adapter.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.adapter.api.ApiResponseException;
import io.incidentql.adapter.api.internal.Json;
import io.incidentql.adapter.schema.ColumnDef;
import io.incidentql.adapter.schema.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Expander of a parent row into the rows of a child table (see {@link TableDef.Child}): the
 * carried columns are the parent's, and the element columns are converted by a
 * {@link RowConverter}, with the same types and the same errors as any column, from an object
 * that holds the element under {@code o} and the inner element under {@code i}.
 */
public final class ChildRows {
  private static final String OUTER = "o";
  private static final String INNER = "i";

  private final TableDef child;
  private final int[] projection;
  private final int carriedCount;
  /** For each child column: its position among the carried values, or -1 - its element index. */
  private final int[] source;
  private final RowConverter elements;

  /**
   * @param child the child table
   * @param projection the child columns each row holds, in order
   */
  public ChildRows(TableDef child, int[] projection) {
    this.child = child;
    this.projection = projection.clone();
    List<ColumnDef> elementColumns = new ArrayList<>();
    source = new int[child.columns().size()];
    int carried = 0;
    for (int c = 0; c < child.columns().size(); c++) {
      ColumnDef def = child.columns().get(c);
      List<String> path = def.path();
      if (!path.isEmpty() && path.get(0).equals(TableDef.ELEMENT)) {
        boolean inner = path.size() > 1 && path.get(1).equals(TableDef.ELEMENT);
        List<String> steps = new ArrayList<>();
        steps.add(inner ? INNER : OUTER);
        steps.addAll(path.subList(inner ? 2 : 1, path.size()));
        source[c] = -1 - elementColumns.size();
        elementColumns.add(new ColumnDef(def.name(), def.type(), steps, def.remarks(), def.required(),
            null, null));
      } else {
        source[c] = carried++;
      }
    }
    this.carriedCount = carried;
    TableDef shape = TableDef.builder(child.name(), child.path(), child.itemsField())
        .remarks(child.remarks()).columns(elementColumns).build();
    this.elements = new RowConverter(shape);
  }

  /**
   * Returns the child rows of one parent row, which holds the carried columns in table order and
   * then the array, as JSON text or null.
   */
  public List<Object[]> expand(Object[] parentRow) {
    Object array = parentRow[carriedCount];
    if (array == null) {
      return List.of();
    }
    JsonNode elementsNode;
    try {
      elementsNode = Json.MAPPER.readTree((String) array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the array of a " + child.name() + " row is no JSON", e);
    }
    if (!elementsNode.isArray()) {
      throw new ApiResponseException("incident.io API sent a " + child.child().parentTable()
          + " row whose " + child.child().arrayColumn() + " is " + Json.describe(elementsNode)
          + ", not an array, so its " + child.name() + " rows are unknown", null, 200, null);
    }
    TableDef.Child spec = child.child();
    List<Object[]> out = new ArrayList<>();
    for (JsonNode element : elementsNode) {
      if (spec.innerArray() == null) {
        out.add(row(parentRow, element, null));
        continue;
      }
      JsonNode inner = element.get(spec.innerArray());
      if (inner != null && inner.isArray()) {
        for (JsonNode item : inner) {
          out.add(row(parentRow, element, item));
        }
      } else if (spec.innerFallback() != null && element.hasNonNull(spec.innerFallback())) {
        out.add(row(parentRow, element, element.get(spec.innerFallback())));
      }
    }
    return out;
  }

  private Object[] row(Object[] parentRow, JsonNode element, JsonNode inner) {
    ObjectNode pair = JsonNodeFactory.instance.objectNode();
    pair.set(OUTER, element);
    if (inner != null) {
      pair.set(INNER, inner);
    }
    Object[] values = elements.convert(pair);
    Object[] row = new Object[projection.length];
    for (int i = 0; i < projection.length; i++) {
      int s = source[projection[i]];
      row[i] = s >= 0 ? parentRow[s] : values[-1 - s];
    }
    return row;
  }
}
