package io.incidentql.simulator.http;

import io.incidentql.simulator.data.Catalog.User;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Handler of {@code GET /v2/users} and {@code GET /v2/users/{id}}, serving
 * {@code UserWithRolesV2}.
 *
 * <p>Deactivated users are left out unless {@code include_inactive=true} is sent
 * (LIVE-API-NOTES, "Errors and data"); show-by-id finds them either way. {@code email} and
 * {@code slack_user_id} keep the users whose field equals the value exactly, case included: the
 * contract says only "Filter by email address" and "Filter by Slack user ID", and an exact match is
 * what a client pushing {@code email = 'x'} must be able to re-check; a user without the field
 * never matches. Filters combine with AND, also with the inactive default. Empty values count as
 * not given. {@code page_size} defaults to 25 and may be 1 to 10,000 (the contract's maximum);
 * users come in the account's order, and {@code after} is the id of the previous page's last
 * user, as on the other endpoints.
 */
final class UsersEndpoint {
  static final String PATH = "/v2/users";
  static final int MAX_PAGE_SIZE = 10_000;
  private static final Set<String> PLAIN =
      Set.of("page_size", "after", "email", "slack_user_id", "include_inactive");

  private final Resource<User> users;
  private final RuntimeSettings settings;

  UsersEndpoint(Resource<User> users, RuntimeSettings settings) {
    this.users = users;
    this.settings = settings;
  }

  ApiResponse list(QueryParams params) {
    FilterParser.Parsed query = FilterParser.parse(params, PLAIN, List.of());
    PageRequest request = PageRequest.parse(query, false, MAX_PAGE_SIZE,
        settings.servedPageSize(PATH));
    boolean inactive = includeInactive(query.single("include_inactive"));
    String email = query.single("email");
    String slackUserId = query.single("slack_user_id");
    Predicate<User> filter = user -> (inactive || user.active())
        && (email == null || email.equals(user.email()))
        && (slackUserId == null || slackUserId.equals(user.slackUserId()));
    int start = Pager.start(request.after(), users::position);
    Pager.Page<User> page = Pager.cut(users.items(), start, request.size(), filter, User::id,
        settings.trailingCursorOnFullPage(), false);
    return ApiResponse.ok(ListBody.of(users.listField(), page, request.size(), users.render()));
  }

  ApiResponse show(String id, QueryParams params) {
    return users.show(id, params);
  }

  private static boolean includeInactive(String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw ApiError.invalidValue("include_inactive",
        "include_inactive must be true or false, not '" + value + "'");
  }
}
