package io.incidentql.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentql.simulator.Simulator;
import io.incidentql.simulator.SimulatorConfig;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of pushdown, one per mapping of the API's filters, order, limits and counts: each
 * asserts the rows (the same as with pushdown off, and where cheap a count computed from the
 * simulator's data), the exact requests the simulator received, and the EXPLAIN text.
 */
class PushdownGoldenTest {
  private static final String CATEGORIES = "status_category[one_of]=triage"
      + "&status_category[one_of]=live&status_category[one_of]=learning"
      + "&status_category[one_of]=paused&status_category[one_of]=closed"
      + "&status_category[one_of]=declined&status_category[one_of]=canceled"
      + "&status_category[one_of]=merged";
  /** What every incidents request asks for unless narrowed: every mode and category it holds. */
  private static final String MODES = SimulatorConnections.EVERY_MODE_AND_CATEGORY;
  private static final String ONLY_MODES =
      "mode[one_of]=standard&mode[one_of]=retrospective&mode[one_of]=test&mode[one_of]=tutorial";

  private static Simulator sim;
  private static PushdownFixture fixture;
  private static List<ObjectNode> alerts;
  private static List<ObjectNode> incidents;

  @BeforeAll
  static void start() {
    sim = SimulatorConnections.start(
        SimulatorConfig.builder().seed(11).scale(300, 200, 150, 400).unlimitedRate());
    fixture = new PushdownFixture(sim);
    alerts = List.copyOf(sim.dataset().alerts());
    incidents = SimulatorConnections.tableIncidents(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static PushdownFixture.Run sql(String sql) {
    return fixture.sql(sql);
  }

  private static int alertsWhere(Predicate<ObjectNode> p) {
    return (int) alerts.stream().filter(p).count();
  }

  private static int incidentsWhere(Predicate<ObjectNode> p) {
    return (int) incidents.stream().filter(p).count();
  }

  private static String text(ObjectNode row, String field) {
    return row.path(field).asText();
  }

  private static String sourceId(int i) {
    return sim.dataset().alertSourceIds().get(i);
  }

  private static String statusId(String category) {
    return sim.dataset().incidentStatuses().stream()
        .filter(s -> s.path("category").asText().equals(category))
        .findFirst().orElseThrow().path("id").asText();
  }

  private static String severityId(int i) {
    return sim.dataset().severities().get(i).path("id").asText();
  }

  private static String typeId() {
    return incidents.stream().filter(i -> i.has("incident_type")).findFirst().orElseThrow()
        .path("incident_type").path("id").asText();
  }

  // ---- alerts: status

  @Test
  void statusEqualsIsSentAsOneOf() {
    int firing = alertsWhere(a -> text(a, "status").equals("firing"));
    sql("select id from alerts where status = 'firing'")
        .returnsCount(firing)
        .paged("GET /v2/alerts?page_size=50&status[one_of]=firing", firing)
        .explainContains("IncidentIoTableScan(table=[[incidentio, alerts]], fields=[id], "
            + "requests=[GET /v2/alerts?page_size=50&status[one_of]=firing])")
        .explainLacks("EnumerableCalc");
  }

  @Test
  void statusInIsSentAsRepeatedOneOf() {
    int n = alertsWhere(a -> List.of("firing", "resolved").contains(text(a, "status")));
    sql("select id, status from alerts where status in ('resolved', 'firing')")
        .returnsCount(n)
        .paged("GET /v2/alerts?page_size=50&status[one_of]=firing&status[one_of]=resolved", n);
  }

  @Test
  void statusNotEqualsIsSentAsNotInWithoutALocalCheckSinceEveryAlertHasAStatus() {
    int n = alertsWhere(a -> !text(a, "status").equals("firing"));
    sql("select id from alerts where status <> 'firing'")
        .returnsCount(n)
        .paged("GET /v2/alerts?page_size=50&status[not_in]=firing", n)
        .explainLacks("EnumerableCalc");
  }

  @Test
  void statusNotInIsSentAsRepeatedNotIn() {
    int n = alertsWhere(a -> !List.of("firing", "resolved").contains(text(a, "status")));
    sql("select id from alerts where status not in ('firing', 'resolved')")
        .returnsCount(n)
        .paged("GET /v2/alerts?page_size=50&status[not_in]=firing&status[not_in]=resolved", n);
  }

  @Test
  void anUndocumentedStatusIsPushedLikeAnyOther() {
    int n = alertsWhere(a -> text(a, "status").equals("acknowledged"));
    assertTrue(n > 0, "the simulator serves an undocumented status");
    sql("select id, status from alerts where status = 'acknowledged'")
        .returnsCount(n)
        .paged("GET /v2/alerts?page_size=50&status[one_of]=acknowledged", n);
  }

  // ---- alerts: alert source and deduplication key

  @Test
  void alertSourceIdEqualsIsSentAsAlertSourceOneOf() {
    String s = sourceId(0);
    int n = alertsWhere(a -> text(a, "alert_source_id").equals(s));
    sql("select id from alerts where alert_source_id = '" + s + "'")
        .returnsCount(n)
        .paged("GET /v2/alerts?page_size=50&alert_source[one_of]=" + s, n);
  }

  @Test
  void alertSourceIdInIsSentAsAlertSourceOneOf() {
    String a = sourceId(0);
    String b = sourceId(1);
    int n = alertsWhere(x -> List.of(a, b).contains(text(x, "alert_source_id")));
    String first = a.compareTo(b) < 0 ? a : b;
    String second = a.compareTo(b) < 0 ? b : a;
    sql("select id from alerts where alert_source_id in ('" + a + "', '" + b + "')")
        .returnsCount(n)
        .paged("GET /v2/alerts?page_size=50&alert_source[one_of]=" + first
            + "&alert_source[one_of]=" + second, n);
  }

  @Test
  void alertSourceIdNotEqualsIsSentAsAlertSourceNotIn() {
    String s = sourceId(0);
    int n = alertsWhere(a -> !text(a, "alert_source_id").equals(s));
    sql("select id from alerts where alert_source_id <> '" + s + "'")
        .returnsCount(n)
        .paged("GET /v2/alerts?page_size=50&alert_source[not_in]=" + s, n);
  }

  @Test
  void deduplicationKeyEqualsIsSentAsIs() {
    String key = text(alerts.get(7), "deduplication_key");
    int n = alertsWhere(a -> text(a, "deduplication_key").equals(key));
    sql("select id from alerts where deduplication_key = '" + key + "'")
        .returnsCount(n)
        .requests("GET /v2/alerts?page_size=50&deduplication_key[is]=" + key);
  }

  @Test
  void deduplicationKeyInStaysLocalSinceIsTakesOneValue() {
    String a = text(alerts.get(1), "deduplication_key");
    String b = text(alerts.get(2), "deduplication_key");
    sql("select id from alerts where deduplication_key in ('" + a + "', '" + b + "')")
        .returnsSome()
        .paged("GET /v2/alerts?page_size=50", alerts.size())
        .explainContains("EnumerableCalc", "requests=[GET /v2/alerts?page_size=50]");
  }

  // ---- alerts: created_at ranges, rounded outward to dates and checked again locally

  @Test
  void createdAtFromMidnightIsSentAsGteOfThatDay() {
    sql("select id from alerts where created_at >= timestamp '2024-03-01 00:00:00'")
        .sameRowsAsWithoutPushdown()
        .pagedFrom("GET /v2/alerts?page_size=50&created_at[gte]=2024-03-01")
        .explainContains("EnumerableCalc", "created_at[gte]=2024-03-01");
  }

  @Test
  void createdAtBeforeAMorningHourIsSentAsLteOfTheNextDay() {
    sql("select id from alerts where created_at < timestamp '2024-03-05 10:00:00'")
        .sameRowsAsWithoutPushdown()
        .pagedFrom("GET /v2/alerts?page_size=50&created_at[lte]=2024-03-06")
        .explainContains("<($t1, $t2)", "created_at[lte]=2024-03-06");
  }

  @Test
  void createdAtBeforeExactlyMidnightIsSentAsLteOfThatDay() {
    sql("select id from alerts where created_at < timestamp '2024-03-05 00:00:00'")
        .sameRowsAsWithoutPushdown()
        .pagedFrom("GET /v2/alerts?page_size=50&created_at[lte]=2024-03-05");
  }

  @Test
  void createdAtUpToAndIncludingMidnightIsSentAsLteOfTheNextDay() {
    sql("select id from alerts where created_at <= timestamp '2024-03-05 00:00:00'")
        .sameRowsAsWithoutPushdown()
        .pagedFrom("GET /v2/alerts?page_size=50&created_at[lte]=2024-03-06");
  }

  @Test
  void createdAtAfterAnInstantIsSentAsGteOfItsDay() {
    sql("select id from alerts where created_at > timestamp '2024-03-05 23:59:59.999'")
        .sameRowsAsWithoutPushdown()
        .pagedFrom("GET /v2/alerts?page_size=50&created_at[gte]=2024-03-05");
  }

  @Test
  void createdAtBetweenIsSentAsDateRange() {
    sql("select id from alerts where created_at between timestamp '2024-02-10 12:00:00'"
            + " and timestamp '2024-03-01 06:00:00'")
        .sameRowsAsWithoutPushdown()
        .pagedFrom("GET /v2/alerts?page_size=50&created_at[date_range]=2024-02-10~2024-03-02")
        .explainContains("SEARCH");
  }

  // ---- alerts: lookups by id

  @Test
  void idEqualsIsOneGetOfThatAlert() {
    String id = text(alerts.get(5), "id");
    sql("select id, title from alerts where id = '" + id + "'")
        .returns(List.of(id, text(alerts.get(5), "title")))
        .requests("GET /v2/alerts/" + id)
        .explainContains("requests=[GET /v2/alerts/" + id + "]");
  }

  @Test
  void idInIsOneGetPerAlert() {
    String a = text(alerts.get(3), "id");
    String b = text(alerts.get(9), "id");
    String first = a.compareTo(b) < 0 ? a : b;
    String second = a.compareTo(b) < 0 ? b : a;
    sql("select id from alerts where id in ('" + a + "', '" + b + "')")
        .returnsCount(2)
        .requests("GET /v2/alerts/" + first, "GET /v2/alerts/" + second);
  }

  @Test
  void anUnknownIdIsA404AndNoRow() {
    sql("select id from alerts where id = '01NOSUCHALERT0000000000000'")
        .returnsCount(0)
        .requests("GET /v2/alerts/01NOSUCHALERT0000000000000");
  }

  @Test
  void otherPredicatesBesideAnIdAreCheckedLocally() {
    ObjectNode alert = alerts.get(4);
    String id = text(alert, "id");
    String other = text(alert, "status").equals("firing") ? "resolved" : "firing";
    sql("select id from alerts where id = '" + id + "' and status = '" + other + "'")
        .returnsCount(0)
        .requests("GET /v2/alerts/" + id)
        .explainContains("EnumerableCalc", "requests=[GET /v2/alerts/" + id + "]");
  }

  // ---- contradictions and mixed predicates

  @Test
  void aContradictionSendsNoRequest() {
    sql("select id from alerts where status = 'firing' and status = 'resolved'")
        .returnsCount(0)
        .requests()
        .explainContains("EnumerableValues(tuples=[[]])");
  }

  @Test
  void aContradictionFoundByTheTranslatorSendsNoRequestEither() {
    sql("select id from incidents where mode = 'test' and incident_status_category = 'triage'"
            + " and mode = 'standard'")
        .returnsCount(0)
        .requests();
  }

  @Test
  void pushableConjunctsArePushedAndTheRestStaysLocal() {
    int firing = alertsWhere(a -> text(a, "status").equals("firing"));
    sql("select id from alerts where status = 'firing' and title like '%a%'")
        .sameRowsAsWithoutPushdown()
        .paged("GET /v2/alerts?page_size=50&status[one_of]=firing", firing)
        .explainContains("LIKE", "status[one_of]=firing");
  }

  // ---- limits

  @Test
  void limitShrinksThePageAndSendsOneRequest() {
    sql("select id from alerts limit 5")
        .returnsCount(5)
        .requests("GET /v2/alerts?page_size=5")
        .explainContains("fetch=[5]", "requests=[GET /v2/alerts?page_size=5]");
  }

  @Test
  void limitAboveTheLargestPageStopsAfterTheRowsAreOut() {
    sql("select id from alerts limit 60")
        .returnsCount(60)
        .requests("GET /v2/alerts?page_size=50", "GET /v2/alerts?page_size=50&after=…");
  }

  @Test
  void offsetIsFetchedAndSkipped() {
    sql("select id from alerts limit 3 offset 4")
        .returnsCount(3)
        .requests("GET /v2/alerts?page_size=7")
        .explainContains("offset=[4]", "fetch=[3]");
  }

  @Test
  void limitAboveALocalFilterIsNotPushed() {
    sql("select id from alerts where title like '%a%' limit 5")
        .returnsCount(5)
        .pagedFrom("GET /v2/alerts?page_size=50");
  }

  @Test
  void limitWithAPushedFilterIsPushedToo() {
    sql("select id from alerts where status = 'firing' limit 2")
        .returnsCount(2)
        .requests("GET /v2/alerts?page_size=2&status[one_of]=firing");
  }

  @Test
  void orderOnAlertsIsLocalSinceTheApiPromisesNoOrderThere() {
    sql("select id from alerts order by created_at desc limit 5")
        .sameOrderedRowsAsWithoutPushdown()
        .paged("GET /v2/alerts?page_size=50", alerts.size())
        .explainContains("Sort");
  }

  // ---- incidents: status, category, severity, type

  @Test
  void incidentStatusIdIsSentAsStatusOneOf() {
    String id = statusId("triage");
    int n = incidentsWhere(i -> i.path("incident_status").path("id").asText().equals(id));
    sql("select id from incidents where incident_status_id = '" + id + "'")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&status[one_of]=" + id + "&" + MODES);
  }

  @Test
  void statusCategoryIsSentAsStatusCategoryOneOf() {
    int n = incidentsWhere(i -> i.path("incident_status").path("category").asText().equals("closed"));
    sql("select id from incidents where incident_status_category = 'closed'")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&" + ONLY_MODES
            + "&status_category[one_of]=closed")
        .explainLacks("EnumerableCalc");
  }

  @Test
  void statusCategoryNotEqualsAsksForTheOtherCategoriesTheTableHolds() {
    int n = incidentsWhere(i -> !i.path("incident_status").path("category").asText().equals("closed"));
    sql("select id from incidents where incident_status_category <> 'closed'")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&" + ONLY_MODES
            + "&status_category[one_of]=triage&status_category[one_of]=live"
            + "&status_category[one_of]=learning&status_category[one_of]=paused"
            + "&status_category[one_of]=declined&status_category[one_of]=canceled"
            + "&status_category[one_of]=merged")
        .explainLacks("EnumerableCalc");
  }

  @Test
  void aFullReadAsksForEveryCategorySoDeclinedCanceledAndMergedIncidentsAreRows() {
    int hidden = incidentsWhere(i -> Set.of("declined", "canceled", "merged")
        .contains(i.path("incident_status").path("category").asText()));
    assertTrue(hidden > 0);
    sql("select id from incidents")
        .returnsCount(incidents.size())
        .paged("GET /v2/incidents?page_size=250&" + MODES, incidents.size());
  }

  @Test
  void aStatusCategoryTheTableDoesNotHoldSendsNoRequest() {
    // The slim schema's name for live, and a category the driver does not know: no row has them.
    sql("select id from incidents where incident_status_category in ('active', 'waiting')")
        .returnsCount(0)
        .requests()
        .explainContains("requests=[none (no row can match)]");
  }

  @Test
  void severityInIsSentAsSeverityOneOf() {
    String a = severityId(0);
    String b = severityId(1);
    int n = incidentsWhere(i -> List.of(a, b).contains(i.path("severity").path("id").asText()));
    String first = a.compareTo(b) < 0 ? a : b;
    String second = a.compareTo(b) < 0 ? b : a;
    sql("select id from incidents where severity_id in ('" + a + "', '" + b + "')")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&severity[one_of]=" + first
            + "&severity[one_of]=" + second + "&" + MODES);
  }

  @Test
  void severityNotEqualsIsSentAsNotInAndIncidentsWithoutSeverityAreDroppedLocally() {
    String a = severityId(0);
    int n = incidentsWhere(i -> i.has("severity") && !i.path("severity").path("id").asText().equals(a));
    sql("select id from incidents where severity_id <> '" + a + "'")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&severity[not_in]=" + a + "&" + MODES)
        .explainContains("EnumerableCalc", "<>");
  }

  @Test
  void incidentTypeIdIsSentAsIncidentTypeOneOf() {
    String t = typeId();
    int n = incidentsWhere(i -> i.path("incident_type").path("id").asText().equals(t));
    sql("select id from incidents where incident_type_id = '" + t + "'")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&incident_type[one_of]=" + t + "&" + MODES);
  }

  // ---- incidents: mode

  @Test
  void modeEqualsReplacesTheDefaultFourModes() {
    int n = incidentsWhere(i -> text(i, "mode").equals("test"));
    sql("select id from incidents where mode = 'test'")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&mode[one_of]=test&" + CATEGORIES);
  }

  @Test
  void aModeTheTableDoesNotHoldSendsNoRequest() {
    sql("select id from incidents where mode = 'drill'")
        .returnsCount(0)
        .requests()
        .explainContains("requests=[none (no row can match)]");
  }

  @Test
  void modeNotEqualsAsksForTheOtherDocumentedModes() {
    int n = incidentsWhere(i -> !text(i, "mode").equals("standard"));
    sql("select id from incidents where mode <> 'standard'")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&mode[one_of]=retrospective"
            + "&mode[one_of]=test&mode[one_of]=tutorial&" + CATEGORIES);
  }

  // ---- incidents: OR with filter_mode=any

  @Test
  void anOrOfExactFiltersOnDifferentFieldsIsSentWithFilterModeAnyAndCheckedAgain() {
    String t = typeId();
    String sev = severityId(0);
    int n = incidentsWhere(i -> i.path("severity").path("id").asText().equals(sev)
        || i.path("incident_type").path("id").asText().equals(t));
    sql("select id from incidents where severity_id = '" + sev + "'"
            + " or incident_type_id = '" + t + "'")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&incident_type[one_of]=" + t
            + "&severity[one_of]=" + sev + "&filter_mode=any&" + MODES)
        // The scopes go with the OR, and the API does not say whether they join it.
        .explainContains("OR(");
  }

  @Test
  void anOrWithTheStatusCategoryStaysLocalSinceTheCategoryIsAScope() {
    String t = typeId();
    int n = incidentsWhere(i -> i.path("incident_status").path("category").asText().equals("triage")
        || i.path("incident_type").path("id").asText().equals(t));
    sql("select id from incidents where incident_status_category = 'triage'"
            + " or incident_type_id = '" + t + "'")
        .returnsCount(n)
        .requests("GET /v2/incidents?page_size=250&" + MODES)
        .explainContains("OR(");
  }

  @Test
  void anOrWithTheModeStaysLocalSinceTheModeIsAScope() {
    sql("select id from incidents where incident_status_category = 'triage' or mode = 'test'")
        .returnsSome()
        .requests("GET /v2/incidents?page_size=250&" + MODES)
        .explainContains("OR(");
  }

  @Test
  void anOrNextToAnotherPushedFilterStaysLocal() {
    String t = typeId();
    sql("select id from incidents where (incident_status_category = 'triage'"
            + " or incident_type_id = '" + t + "') and severity_id = '" + severityId(0) + "'")
        .sameRowsAsWithoutPushdown()
        .requests("GET /v2/incidents?page_size=250&severity[one_of]=" + severityId(0) + "&" + MODES)
        .explainContains("OR(");
  }

  // ---- incidents: dates

  @Test
  void updatedAtRangeIsSentAsDateRange() {
    sql("select id from incidents where updated_at >= timestamp '2024-01-01 00:00:00'"
            + " and updated_at < timestamp '2024-06-01 00:00:00'")
        .sameRowsAsWithoutPushdown()
        .requests("GET /v2/incidents?page_size=250&updated_at[date_range]=2024-01-01~2024-06-01&"
            + MODES);
  }

  @Test
  void createdAtAndUpdatedAtBoundsGoTogether() {
    sql("select id from incidents where created_at >= timestamp '2024-01-01 00:00:00'"
            + " and updated_at <= timestamp '2024-09-01 08:00:00'")
        .sameRowsAsWithoutPushdown()
        .requests("GET /v2/incidents?page_size=250&created_at[gte]=2024-01-01"
            + "&updated_at[lte]=2024-09-02&" + MODES);
  }

  // ---- incidents: order

  @Test
  void orderByCreatedAtDescWithLimitIsOneSortedRequest() {
    sql("select reference, created_at from incidents order by created_at desc limit 3")
        .sameOrderedRowsAsWithoutPushdown()
        .requests("GET /v2/incidents?page_size=3&" + MODES + "&sort_by=created_at_newest_first")
        .explainLacks("Sort");
  }

  @Test
  void orderByCreatedAtAscIsSentAsOldestFirst() {
    sql("select created_at from incidents order by created_at limit 4")
        .sameOrderedRowsAsWithoutPushdown()
        .requests("GET /v2/incidents?page_size=4&" + MODES + "&sort_by=created_at_oldest_first");
  }

  @Test
  void orderByCreatedAtWithoutLimitNeedsNoLocalSort() {
    sql("select created_at from incidents where mode = 'test' order by created_at desc")
        .sameOrderedRowsAsWithoutPushdown()
        .requests("GET /v2/incidents?page_size=250&mode[one_of]=test&" + CATEGORIES
            + "&sort_by=created_at_newest_first")
        .explainLacks("Sort");
  }

  @Test
  void orderByAnotherColumnIsLocal() {
    sql("select reference from incidents order by reference limit 3")
        .sameOrderedRowsAsWithoutPushdown()
        .requests("GET /v2/incidents?page_size=250&" + MODES)
        .explainContains("Sort");
  }

  // ---- incidents: count

  @Test
  void countWithPushableFiltersReadsTheTotalOfAOneRowPage() {
    int n = incidentsWhere(i -> i.path("incident_status").path("category").asText().equals("closed"));
    sql("select count(*) from incidents where incident_status_category = 'closed'")
        .returns(List.of((long) n))
        .requests("GET /v2/incidents?page_size=1&" + ONLY_MODES + "&status_category[one_of]=closed")
        .explainContains("count=[pagination_meta.total_record_count]");
  }

  @Test
  void countOfAllIncidentsIsOneRequest() {
    sql("select count(*) as n from incidents")
        .returns(List.of((long) incidents.size()))
        .requests("GET /v2/incidents?page_size=1&" + MODES);
  }

  @Test
  void countWithALocalPredicateCountsLocally() {
    sql("select count(*) from incidents where name like '%a%'")
        .sameRowsAsWithoutPushdown()
        .requests("GET /v2/incidents?page_size=250&" + MODES)
        .explainContains("EnumerableAggregate");
  }

  @Test
  void countOfAContradictionIsZeroWithoutRequest() {
    sql("select count(*) from incidents where mode = 'drill'")
        .returns(List.of(0L))
        .requests();
  }
}
