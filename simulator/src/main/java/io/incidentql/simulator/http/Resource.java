package io.incidentql.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Description of one kind of catalog object an endpoint serves: the body fields of its list and
 * of one object (as the contract's {@code *ListResult} and {@code *ShowResult} schemas name
 * them), its objects in response order, and how each is identified and rendered.
 *
 * <p>For the endpoints without {@code page_size} in the contract (severities, statuses, types,
 * roles, timestamps, custom fields, alert sources, alert attributes) {@link #listAll} is the
 * whole endpoint: every object in one response, no {@code pagination_meta}, and a 422 for any
 * query parameter, as other endpoints answer parameters they do not know.
 *
 * @param noun what an object is called in a 404 message ("severity")
 */
record Resource<T>(String listField, String singleField, String noun, List<T> items,
    Function<T, String> id, Function<T, ObjectNode> render) {

  /** Position of the object with the given id in {@link #items}, or -1. */
  int position(String wanted) {
    return position(items, id, wanted);
  }

  /** Position of the object with the given id in {@code list}, or -1. */
  static <T> int position(List<T> list, Function<T, String> id, String wanted) {
    for (int i = 0; i < list.size(); i++) {
      if (id.apply(list.get(i)).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  /** Every object in one response: {@code {"<listField>": [...]}}. */
  ApiResponse listAll(QueryParams params) {
    FilterParser.parse(params, Set.of(), List.of());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode list = body.putArray(listField);
    items.forEach(item -> list.add(render.apply(item)));
    return ApiResponse.ok(body);
  }

  /** One object by id: {@code {"<singleField>": {...}}}, or a 404. */
  ApiResponse show(String wanted, QueryParams params) {
    int at = position(wanted);
    return ShowBody.of(params, singleField, at < 0 ? null : render.apply(items.get(at)),
        "No " + noun + " with id '" + wanted + "' was found");
  }
}
