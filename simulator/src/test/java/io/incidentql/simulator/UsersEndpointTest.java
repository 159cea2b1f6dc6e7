package io.incidentql.simulator;

import static io.incidentql.simulator.TestApi.assertError;
import static io.incidentql.simulator.TestApi.assertValidationError;
import static io.incidentql.simulator.TestApi.fieldNames;
import static io.incidentql.simulator.TestApi.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests of {@code GET /v2/users} and {@code GET /v2/users/{id}}: deactivated users, the exact
 * filters, pagination and the {@code UserWithRolesV2} shape.
 */
class UsersEndpointTest {
  private static Simulator sim;
  private static TestApi api;
  private static List<ObjectNode> all;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorConfig.builder().scale(50, 50, 50, 50).unlimitedRate().build());
    api = new TestApi(sim);
    all = List.copyOf(sim.dataset().users());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static List<String> active() {
    return TestApi.expectedIds(all, u -> u.get("is_active").asBoolean());
  }

  @Test
  void leavesOutDeactivatedUsersUnlessIncludeInactiveIsTrue() {
    List<String> inactive = TestApi.expectedIds(all, u -> !u.get("is_active").asBoolean());
    assertTrue(inactive.size() >= 2, "several deactivated users");
    assertEquals(active(), api.walk("/v2/users", "users", "", 25).ids());
    assertEquals(active(), api.walk("/v2/users", "users", q("include_inactive", "false"), 25).ids());
    assertEquals(TestApi.ids(all),
        api.walk("/v2/users", "users", q("include_inactive", "true"), 25).ids());
  }

  @Test
  void servesUsersWithRolesAsTheDatasetHasThem() {
    JsonNode body = api.ok("/v2/users?include_inactive=true&page_size=100");
    assertEquals(all.size(), body.get("users").size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(all.get(i), body.get("users").get(i));
    }
    assertEquals(Set.of("page_size"), fieldNames(body.get("pagination_meta")));
    for (JsonNode user : body.get("users")) {
      assertTrue(fieldNames(user).containsAll(Set.of("base_role", "custom_roles", "seats",
          "is_active", "role", "id", "name")), user::toString);
      assertTrue(Set.of("base_role", "custom_roles", "email", "id", "is_active", "name", "role",
          "seats", "slack_user_id").containsAll(fieldNames(user)), user::toString);
      assertTrue(fieldNames(user.get("base_role")).containsAll(Set.of("id", "name", "slug")));
      assertTrue(fieldNames(user.get("seats")).containsAll(Set.of("on_call", "response")));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 8, 9, 12, 10_000})
  void pagesWithAfterAtEveryPageSize(int size) {
    TestApi.Walk walk = api.walk("/v2/users", "users", q("include_inactive", "true"), size);
    assertEquals(TestApi.ids(all), walk.ids());
    assertEquals((all.size() + size - 1) / size, walk.pages().size());
  }

  @Test
  void servesFewerPerPageThanAskedWhenToldTo() {
    sim.setServedPageSize("/v2/users", 5);
    try {
      TestApi.Walk walk = api.walkServed("/v2/users", "users", q("include_inactive", "true"),
          10_000, 5);
      assertEquals(TestApi.ids(all), walk.ids());
      assertEquals(3, walk.pages().size());
    } finally {
      sim.setServedPageSize("/v2/users", Integer.MAX_VALUE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"email", "slack_user_id"})
  void filtersByEmailAndSlackUserIdExactly(String field) {
    ObjectNode user = all.get(3);
    String value = user.get(field).asText();
    assertEquals(List.of(user.get("id").asText()),
        api.walk("/v2/users", "users", q(field, value), 25).ids());
    for (String other : List.of(value.toUpperCase(), value.toLowerCase(), value.substring(1))) {
      if (!other.equals(value)) {
        assertEquals(List.of(), api.walk("/v2/users", "users", q(field, other), 25).ids(), other);
      }
    }
  }

  @Test
  void findsADeactivatedUserByEmailOnlyWithIncludeInactive() {
    ObjectNode gone = all.stream().filter(u -> !u.get("is_active").asBoolean()
        && u.has("email")).findFirst().orElseThrow();
    String email = gone.get("email").asText();
    assertEquals(List.of(), api.walk("/v2/users", "users", q("email", email), 25).ids());
    assertEquals(List.of(gone.get("id").asText()), api.walk("/v2/users", "users",
        q("email", email, "include_inactive", "true"), 25).ids());
  }

  @Test
  void takesAnEmptyFilterValueAsNotGiven() {
    assertEquals(active(), api.walk("/v2/users", "users", q("email", "", "slack_user_id", ""),
        25).ids());
  }

  @Test
  void showsAnyUserByIdDeactivatedOrNot() {
    for (ObjectNode user : all) {
      JsonNode body = api.ok("/v2/users/" + user.get("id").asText());
      assertEquals(Set.of("user"), fieldNames(body));
      assertEquals(user, body.get("user"));
    }
    JsonNode error = assertError(api.get("/v2/users/01ARZ3NDEKTSV4RRFFQ69G5FAV"), 404, "not_found");
    assertEquals("resource_not_found", error.get("code").asText());
  }

  @Test
  void refusesBadParameters() {
    assertValidationError(api.get("/v2/users?page_size=10001"), "page_size");
    assertValidationError(api.get("/v2/users?page_size=0"), "page_size");
    assertValidationError(api.get("/v2/users?include_inactive=yes"), "include_inactive");
    assertValidationError(api.get("/v2/users?after=nobody"), "after");
    assertEquals("unknown_parameter", assertValidationError(api.get("/v2/users?role=owner"), "role"));
  }

  @Test
  void keepsDeactivatedUsersAsIncidentAssignees() {
    Set<String> inactive = all.stream().filter(u -> !u.get("is_active").asBoolean())
        .map(u -> u.get("id").asText()).collect(Collectors.toSet());
    Set<String> assigned = new java.util.HashSet<>();
    for (ObjectNode incident : sim.dataset().incidents()) {
      incident.get("incident_role_assignments")
          .forEach(a -> assigned.add(a.path("assignee").path("id").asText()));
    }
    assertTrue(assigned.containsAll(inactive), "every deactivated user took part in an incident");
  }
}
