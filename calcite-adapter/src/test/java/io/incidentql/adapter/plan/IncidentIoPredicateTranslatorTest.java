package io.incidentql.adapter.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentql.adapter.IncidentIoTable;
import io.incidentql.adapter.api.ApiRequest;
import io.incidentql.adapter.schema.IncidentIoTables;
import io.incidentql.adapter.schema.TableDef;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of predicate translation: date rounding at day boundaries, SQL NULL semantics,
 * contradictions, values the API cannot take, and OR.
 */
class IncidentIoPredicateTranslatorTest {
  private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(typeFactory);

  private RexNode col(TableDef table, String column) {
    RelDataType row = new IncidentIoTable(table, null).getRowType(typeFactory);
    int i = table.columnIndex(column);
    return rex.makeInputRef(row.getFieldList().get(i).getType(), i);
  }

  private RexNode str(String s) {
    return rex.makeLiteral(s);
  }

  private RexNode ts(String s) {
    return rex.makeTimestampLiteral(new TimestampString(s), 3);
  }

  private static TableDef alerts() {
    return IncidentIoTables.byName("alerts");
  }

  private static TableDef incidents() {
    return IncidentIoTables.byName("incidents");
  }

  private RexNode call(org.apache.calcite.sql.SqlOperator op, RexNode... operands) {
    return rex.makeCall(op, operands);
  }

  /** Simplifies as the planner does, so that IN and BETWEEN take their SEARCH form. */
  private RexNode simplified(RexNode e) {
    return new RexSimplify(rex, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR).simplifyUnknownAsFalse(e);
  }

  private IncidentIoPredicateTranslator.Result translate(TableDef table, RexNode condition) {
    return IncidentIoPredicateTranslator.translate(IncidentIoQuery.fullScan(table), condition);
  }

  private String firstRequest(TableDef table, RexNode condition) {
    IncidentIoPredicateTranslator.Result r = translate(table, condition);
    List<ApiRequest> requests = IncidentIoQuery.fullScan(table).withFilter(r.filter()).requests();
    return requests.isEmpty() ? "none" : requests.get(0).toString().replace("&" + SCOPES, "");
  }

  /** The scope filters every incidents request carries unless narrowed: every mode and category. */
  private static final String SCOPES = "mode[one_of]=standard&mode[one_of]=retrospective"
      + "&mode[one_of]=test&mode[one_of]=tutorial&status_category[one_of]=triage"
      + "&status_category[one_of]=live&status_category[one_of]=learning"
      + "&status_category[one_of]=paused&status_category[one_of]=closed"
      + "&status_category[one_of]=declined&status_category[one_of]=canceled"
      + "&status_category[one_of]=merged";

  private String dateBound(RexNode comparison) {
    return firstRequest(alerts(), comparison).replace("GET /v2/alerts?page_size=50&", "");
  }

  // ---- dates

  @Test
  void aStrictUpperBoundAtMidnightIsThatDay() {
    RexNode c = col(alerts(), "created_at");
    assertEquals("created_at[lte]=2024-03-05",
        dateBound(call(SqlStdOperatorTable.LESS_THAN, c, ts("2024-03-05 00:00:00"))));
  }

  @Test
  void anInclusiveUpperBoundAtMidnightIsTheNextDaySinceTheApiHasMicroseconds() {
    RexNode c = col(alerts(), "created_at");
    assertEquals("created_at[lte]=2024-03-06",
        dateBound(call(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, c, ts("2024-03-05 00:00:00"))));
  }

  @Test
  void anUpperBoundDuringTheDayIsTheNextDay() {
    RexNode c = col(alerts(), "created_at");
    assertEquals("created_at[lte]=2024-03-06",
        dateBound(call(SqlStdOperatorTable.LESS_THAN, c, ts("2024-03-05 10:00:00"))));
    assertEquals("created_at[lte]=2024-03-01",
        dateBound(call(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, c, ts("2024-02-29 23:59:59.999"))));
  }

  @Test
  void aLowerBoundIsItsDayEitherWay() {
    RexNode c = col(alerts(), "created_at");
    assertEquals("created_at[gte]=2024-03-05",
        dateBound(call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, c, ts("2024-03-05 10:00:00"))));
    assertEquals("created_at[gte]=2024-03-05",
        dateBound(call(SqlStdOperatorTable.GREATER_THAN, c, ts("2024-03-05 23:59:59.999"))));
    assertEquals("created_at[gte]=2024-03-05",
        dateBound(call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, c, ts("2024-03-05 00:00:00"))));
  }

  @Test
  void aLiteralOnTheLeftIsReadTheOtherWayRound() {
    RexNode c = col(alerts(), "created_at");
    assertEquals("created_at[lte]=2024-03-06",
        dateBound(call(SqlStdOperatorTable.GREATER_THAN, ts("2024-03-05 10:00:00"), c)));
  }

  @Test
  void instantsBeforeTheEpochFloorToTheirOwnDay() {
    RexNode c = col(alerts(), "created_at");
    assertEquals("created_at[gte]=1969-12-31",
        dateBound(call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, c, ts("1969-12-31 23:00:00"))));
  }

  @Test
  void equalityOnATimestampIsTheRangeOfItsDay() {
    RexNode c = col(alerts(), "created_at");
    assertEquals("created_at[date_range]=2024-03-05~2024-03-06",
        dateBound(call(SqlStdOperatorTable.EQUALS, c, ts("2024-03-05 10:00:00"))));
  }

  @Test
  void rangesAlwaysStayAsALocalCheck() {
    RexNode c = col(alerts(), "created_at");
    RexNode cond = call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, c, ts("2024-03-05 00:00:00"));
    assertEquals(List.of(cond), translate(alerts(), cond).residual());
  }

  @Test
  void boundsThatCrossAreAContradiction() {
    RexNode c = col(alerts(), "created_at");
    RexNode cond = rex.makeCall(SqlStdOperatorTable.AND,
        call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, c, ts("2024-03-07 00:00:00")),
        call(SqlStdOperatorTable.LESS_THAN, c, ts("2024-03-05 00:00:00")));
    assertTrue(translate(alerts(), cond).filter().isContradiction());
  }

  // ---- NULL semantics

  @Test
  void notEqualsOnAFieldEveryAlertHasIsExact() {
    RexNode cond = call(SqlStdOperatorTable.NOT_EQUALS, col(alerts(), "status"), str("firing"));
    IncidentIoPredicateTranslator.Result r = translate(alerts(), cond);
    assertEquals("status[not_in]=firing", r.filter().toString());
    assertTrue(r.residual().isEmpty());
  }

  @Test
  void notEqualsOnAnOptionalFieldIsCheckedLocallySinceNotInKeepsRowsWithoutIt() {
    RexNode cond = call(SqlStdOperatorTable.NOT_EQUALS, col(incidents(), "severity_id"), str("S1"));
    IncidentIoPredicateTranslator.Result r = translate(incidents(), cond);
    assertEquals("severity[not_in]=S1", r.filter().toString());
    assertEquals(List.of(cond), r.residual());
  }

  @Test
  void isNullOrEqualsIsNotPushedSinceNoOperatorKeepsMissingFields() {
    RexNode c = col(incidents(), "severity_id");
    RexNode cond = simplified(rex.makeCall(SqlStdOperatorTable.OR,
        call(SqlStdOperatorTable.IS_NULL, c), call(SqlStdOperatorTable.EQUALS, c, str("S1"))));
    IncidentIoPredicateTranslator.Result r = translate(incidents(), cond);
    assertFalse(r.changed());
    assertEquals(IncidentIoFilter.NONE, r.filter());
  }

  // ---- contradictions and values the API cannot take

  @Test
  void twoDisjointInListsAreAContradiction() {
    RexNode s = col(alerts(), "status");
    RexNode cond = rex.makeCall(SqlStdOperatorTable.AND,
        simplified(rex.makeIn(s, List.of(str("firing"), str("resolved")))),
        call(SqlStdOperatorTable.EQUALS, s, str("acknowledged")));
    IncidentIoPredicateTranslator.Result r = translate(alerts(), cond);
    assertTrue(r.filter().isContradiction());
    assertEquals("none", firstRequest(alerts(), cond));
  }

  @Test
  void anUndocumentedModeIsAContradictionSinceTheTableHoldsOnlyDocumentedOnes() {
    RexNode cond = call(SqlStdOperatorTable.EQUALS, col(incidents(), "mode"), str("drill"));
    assertTrue(translate(incidents(), cond).filter().isContradiction());
  }

  @Test
  void oneOfMinusNotInAsksOnlyForWhatIsLeft() {
    RexNode s = col(alerts(), "status");
    RexNode cond = rex.makeCall(SqlStdOperatorTable.AND,
        simplified(rex.makeIn(s, List.of(str("firing"), str("resolved")))),
        call(SqlStdOperatorTable.NOT_EQUALS, s, str("resolved")));
    assertEquals("GET /v2/alerts?page_size=50&status[one_of]=firing", firstRequest(alerts(), cond));
  }

  @Test
  void aValueWithACommaIsNotSentToAListOperator() {
    RexNode cond = call(SqlStdOperatorTable.EQUALS, col(alerts(), "status"), str("firing,resolved"));
    assertFalse(translate(alerts(), cond).changed());
  }

  @Test
  void anEmptyValueIsNotSent() {
    RexNode cond = call(SqlStdOperatorTable.EQUALS, col(alerts(), "deduplication_key"), str(""));
    assertFalse(translate(alerts(), cond).changed());
  }

  @Test
  void aStatusCategoryNotInAsksForTheOtherCategoriesTheTableHolds() {
    RexNode c = col(incidents(), "incident_status_category");
    RexNode cond = simplified(rex.makeCall(SqlStdOperatorTable.NOT,
        rex.makeIn(c, List.of(str("live"), str("closed")))));
    IncidentIoPredicateTranslator.Result r = translate(incidents(), cond);
    assertEquals("status_category[one_of]=canceled,declined,learning,merged,paused,triage",
        r.filter().toString());
    assertEquals(0, r.residual().size());
  }

  @Test
  void aStatusCategoryTheTableDoesNotHoldMatchesNoRow() {
    RexNode cond = call(SqlStdOperatorTable.EQUALS, col(incidents(), "incident_status_category"),
        str("waiting"));
    assertTrue(translate(incidents(), cond).filter().isContradiction());
  }

  // ---- OR

  @Test
  void anOrOnAlertsIsNotPushedSinceAlertsHaveNoFilterMode() {
    RexNode cond = rex.makeCall(SqlStdOperatorTable.OR,
        call(SqlStdOperatorTable.EQUALS, col(alerts(), "status"), str("firing")),
        call(SqlStdOperatorTable.EQUALS, col(alerts(), "deduplication_key"), str("k")));
    assertFalse(translate(alerts(), cond).changed());
  }

  @Test
  void anOrWithAnInexactDisjunctIsNotPushed() {
    RexNode cond = rex.makeCall(SqlStdOperatorTable.OR,
        call(SqlStdOperatorTable.EQUALS, col(incidents(), "severity_id"), str("S1")),
        call(SqlStdOperatorTable.GREATER_THAN, col(incidents(), "created_at"),
            ts("2024-01-01 00:00:00")));
    assertFalse(translate(incidents(), cond).changed());
  }

  @Test
  void anOrOfExactDisjunctsUsesFilterModeAny() {
    RexNode cond = rex.makeCall(SqlStdOperatorTable.OR,
        call(SqlStdOperatorTable.EQUALS, col(incidents(), "severity_id"), str("S1")),
        call(SqlStdOperatorTable.EQUALS, col(incidents(), "incident_type_id"), str("T1")));
    assertEquals("GET /v2/incidents?page_size=250&incident_type[one_of]=T1&severity[one_of]=S1"
        + "&filter_mode=any", firstRequest(incidents(), cond));
  }

  /** {@code severity_id = 'S1' OR incident_type_id = 'T1'}. */
  private RexNode severityOrType(TableDef table) {
    return rex.makeCall(SqlStdOperatorTable.OR,
        call(SqlStdOperatorTable.EQUALS, col(table, "severity_id"), str("S1")),
        call(SqlStdOperatorTable.EQUALS, col(table, "incident_type_id"), str("T1")));
  }

  @Test
  void anOrSentBesideTheTablesScopesIsCheckedAgainLocally() {
    RexNode cond = severityOrType(incidents());
    IncidentIoPredicateTranslator.Result r = translate(incidents(), cond);
    assertEquals(List.of("T1"), List.copyOf(r.filter().any().get(0).values()));
    assertEquals(List.of(cond), r.residual(), "the mode may have joined the OR");
  }

  @Test
  void aScopeNarrowedBesideAPushedOrIsCheckedAgainToo() {
    RexNode mode = call(SqlStdOperatorTable.EQUALS, col(incidents(), "mode"), str("test"));
    RexNode or = severityOrType(incidents());
    IncidentIoPredicateTranslator.Result r =
        translate(incidents(), rex.makeCall(SqlStdOperatorTable.AND, mode, or));
    List<ApiRequest> requests = IncidentIoQuery.fullScan(incidents()).withFilter(r.filter()).requests();
    assertEquals("GET /v2/incidents?page_size=250&incident_type[one_of]=T1&severity[one_of]=S1"
        + "&filter_mode=any&mode[one_of]=test&" + SCOPES.substring(SCOPES.indexOf("status_category")),
        requests.get(0).toString());
    assertEquals(List.of(or, mode), r.residual());
  }

  @Test
  void anOrIsExactOnlyWhenTheRequestCarriesNothingButItsOwnFilters() {
    TableDef incidents = incidents();
    TableDef unscoped = new TableDef(incidents.name(), incidents.path(), incidents.itemsField(),
        incidents.maxPageSize(), incidents.pageSizeRequired(), incidents.remarks(),
        incidents.columns(), List.of(), incidents.fixedParams(), incidents.show(),
        incidents.sorts(), incidents.countable(), incidents.primaryKey(),
        incidents.windowColumn(), incidents.anyFilterMode(), incidents.parent(), incidents.child(),
        incidents.entryWindow());
    IncidentIoPredicateTranslator.Result r = translate(unscoped, severityOrType(unscoped));
    assertEquals(2, r.filter().any().size());
    assertEquals(List.of(), r.residual());
  }

  // ---- lookups and request sequences

  @Test
  void anIdLookupTakesNoOtherFilterAndLeavesItLocal() {
    RexNode cond = rex.makeCall(SqlStdOperatorTable.AND,
        call(SqlStdOperatorTable.EQUALS, col(alerts(), "id"), str("A1")),
        call(SqlStdOperatorTable.EQUALS, col(alerts(), "status"), str("firing")));
    IncidentIoPredicateTranslator.Result r = translate(alerts(), cond);
    assertEquals("id=A1", r.filter().toString());
    assertEquals(1, r.residual().size());
    assertEquals("GET /v2/alerts/A1", firstRequest(alerts(), cond));
  }

  @Test
  void anIdBelowFiltersAlreadySentStaysLocalSinceAGetWouldDropThem() {
    IncidentIoQuery byStatus = IncidentIoQuery.fullScan(alerts()).withFilter(translate(alerts(),
        call(SqlStdOperatorTable.EQUALS, col(alerts(), "status"), str("firing"))).filter());
    RexNode id = call(SqlStdOperatorTable.EQUALS, col(alerts(), "id"), str("A1"));
    IncidentIoPredicateTranslator.Result r = IncidentIoPredicateTranslator.translate(byStatus, id);
    assertFalse(r.changed());
    assertEquals(List.of(id), r.residual());
  }

  @Test
  void twoPlainValuesOnTwoParametersAreFourRequestSequences() {
    TableDef links = IncidentIoTables.byName("incident_alerts");
    RexNode cond = rex.makeCall(SqlStdOperatorTable.AND,
        simplified(rex.makeIn(col(links, "incident_id"), List.of(str("I1"), str("I2")))),
        simplified(rex.makeIn(col(links, "alert_id"), List.of(str("A1"), str("A2")))));
    IncidentIoQuery q = IncidentIoQuery.fullScan(links).withFilter(translate(links, cond).filter());
    assertEquals(List.of(
        "GET /v2/incident_alerts?page_size=50&alert_id=A1&incident_id=I1",
        "GET /v2/incident_alerts?page_size=50&alert_id=A1&incident_id=I2",
        "GET /v2/incident_alerts?page_size=50&alert_id=A2&incident_id=I1",
        "GET /v2/incident_alerts?page_size=50&alert_id=A2&incident_id=I2"),
        q.requests().stream().map(ApiRequest::toString).collect(Collectors.toList()));
  }

  // ---- the query value

  @Test
  void queriesAreValuesWithAReadableText() {
    RexNode cond = call(SqlStdOperatorTable.EQUALS, col(alerts(), "status"), str("firing"));
    IncidentIoQuery a = IncidentIoQuery.fullScan(alerts()).withFilter(translate(alerts(), cond).filter());
    IncidentIoQuery b = IncidentIoQuery.fullScan(alerts()).withFilter(translate(alerts(), cond).filter());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.withLimit(0, 5));
    assertEquals("IncidentIoQuery{alerts, filter=status[one_of]=firing, columns=11, fetch=5,"
        + " requests=GET /v2/alerts?page_size=5&status[one_of]=firing}",
        a.withLimit(0, 5).toString());
  }

  @Test
  void aPushedFilterCostsLessThanAFullScan() {
    RexNode cond = call(SqlStdOperatorTable.EQUALS, col(alerts(), "status"), str("firing"));
    IncidentIoQuery full = IncidentIoQuery.fullScan(alerts());
    IncidentIoQuery filtered = full.withFilter(translate(alerts(), cond).filter());
    assertTrue(filtered.estimatedCost() < full.estimatedCost());
    assertTrue(full.withLimit(0, 5).estimatedCost() < full.estimatedCost());
    assertTrue(full.withProjection(List.of(0)).estimatedCost() < full.estimatedCost());
    assertTrue(full.withCount("c").estimatedCost() < full.estimatedCost());
  }
}
