package io.incidentql.grammar;

import static io.incidentql.grammar.Ast.aggregate;
import static io.incidentql.grammar.Ast.and;
import static io.incidentql.grammar.Ast.asc;
import static io.incidentql.grammar.Ast.between;
import static io.incidentql.grammar.Ast.bool;
import static io.incidentql.grammar.Ast.call;
import static io.incidentql.grammar.Ast.cmp;
import static io.incidentql.grammar.Ast.col;
import static io.incidentql.grammar.Ast.countAll;
import static io.incidentql.grammar.Ast.countDistinct;
import static io.incidentql.grammar.Ast.date;
import static io.incidentql.grammar.Ast.dec;
import static io.incidentql.grammar.Ast.desc;
import static io.incidentql.grammar.Ast.eq;
import static io.incidentql.grammar.Ast.gt;
import static io.incidentql.grammar.Ast.id;
import static io.incidentql.grammar.Ast.in;
import static io.incidentql.grammar.Ast.isNotNull;
import static io.incidentql.grammar.Ast.isNull;
import static io.incidentql.grammar.Ast.item;
import static io.incidentql.grammar.Ast.like;
import static io.incidentql.grammar.Ast.listParam;
import static io.incidentql.grammar.Ast.not;
import static io.incidentql.grammar.Ast.notBetween;
import static io.incidentql.grammar.Ast.notIn;
import static io.incidentql.grammar.Ast.notLike;
import static io.incidentql.grammar.Ast.now;
import static io.incidentql.grammar.Ast.nullLiteral;
import static io.incidentql.grammar.Ast.num;
import static io.incidentql.grammar.Ast.or;
import static io.incidentql.grammar.Ast.order;
import static io.incidentql.grammar.Ast.param;
import static io.incidentql.grammar.Ast.quoted;
import static io.incidentql.grammar.Ast.select;
import static io.incidentql.grammar.Ast.star;
import static io.incidentql.grammar.Ast.str;
import static io.incidentql.grammar.Ast.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incidentql.grammar.ast.AggregateFunction;
import io.incidentql.grammar.ast.ComparisonOperator;
import io.incidentql.grammar.ast.Expression;
import io.incidentql.grammar.ast.OrderItem.NullOrdering;
import io.incidentql.grammar.ast.OrderItem.Ordering;
import io.incidentql.grammar.ast.Query;
import io.incidentql.grammar.ast.TableRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parse tests: each query text must give exactly the tree built by hand next to it.
 */
class DslParserTest {

    private static void assertParses(String text, Query expected) {
        assertEquals(expected, DslParser.parse(text), text);
    }

    /** Checks the WHERE clause alone, wrapped in {@code SELECT * FROM alerts WHERE ...}. */
    private static void assertCondition(String condition, Expression expected) {
        assertParses("SELECT * FROM alerts WHERE " + condition, select(star()).from("alerts").where(expected).build());
    }

    // ---- select list and FROM

    @Test
    void selectsColumnsFromOneTable() {
        assertParses("SELECT id, status, title FROM alerts", select("id", "status", "title").from("alerts").build());
    }

    @Test
    void selectsAllColumnsWithAStar() {
        assertParses("SELECT * FROM incidents", select(star()).from("incidents").build());
    }

    @Test
    void qualifiesTheStarWithTheTableAlias() {
        assertParses("SELECT i.* FROM incidents i", select(star("i")).from("incidents", "i").build());
    }

    @Test
    void mixesTheStarWithOtherItems() {
        assertParses("SELECT *, id AS alert_id FROM alerts",
                select(star(), item(col("id"), "alert_id")).from("alerts").build());
    }

    @Test
    void namesSelectItemsWithAs() {
        assertParses("SELECT id AS alert_id, title AS t FROM alerts",
                select(item(col("id"), "alert_id"), item(col("title"), "t")).from("alerts").build());
    }

    @Test
    void namesSelectItemsWithBareAliases() {
        assertParses("SELECT id alert_id, count(*) n FROM alerts",
                select(item(col("id"), "alert_id"), item(countAll(), "n")).from("alerts").build());
    }

    @Test
    void aliasesTheTableWithOrWithoutAs() {
        Query expected = select(col("a", "id")).from("alerts", "a").build();
        assertParses("SELECT a.id FROM alerts AS a", expected);
        assertParses("SELECT a.id FROM alerts a", expected);
    }

    @Test
    void qualifiesColumnsWithTheTableName() {
        assertParses("SELECT incidents.name FROM incidents WHERE incidents.mode = 'standard'",
                select(col("incidents", "name")).from("incidents")
                        .where(eq(col("incidents", "mode"), str("standard"))).build());
    }

    @Test
    void selectsConditionsAndLiteralsAsValues() {
        assertParses("SELECT status = 'firing' AS firing, 1, 'x' FROM alerts",
                select(item(eq(col("status"), str("firing")), "firing"), item(num(1)), item(str("x")))
                        .from("alerts").build());
    }

    // ---- names, case, comments

    @Test
    void readsKeywordsInAnyCaseAndKeepsTheCaseOfNames() {
        Query expected = select("Id").from("Alerts").where(eq(col("Status"), str("Firing")))
                .orderBy(desc(col("Id"))).limit(1).build();
        assertParses("select Id from Alerts where Status = 'Firing' order by Id desc limit 1", expected);
        assertParses("SeLeCt Id FrOm Alerts WhErE Status = 'Firing' OrDeR bY Id DeSc LiMiT 1", expected);
    }

    @Test
    void readsQuotedIdentifiersWithDoubledQuotes() {
        assertParses("SELECT \"Alert Title\", \"say \"\"hi\"\"\" FROM \"alerts\"",
                select(col(quoted("Alert Title")), col(quoted("say \"hi\""))).from(
                        new TableRef(quoted("alerts"), Optional.empty(), Ast.P)).build());
    }

    @Test
    void acceptsColumnNamesThatAreKeywordsElsewhere() {
        assertParses("SELECT status, mode, name, type, summary, count, date, timestamp, first, last, asc, desc,"
                        + " nulls, escape FROM incidents",
                select("status", "mode", "name", "type", "summary", "count", "date", "timestamp", "first", "last",
                        "asc", "desc", "nulls", "escape").from("incidents").build());
    }

    @Test
    void usesKeywordLikeNamesInConditionsAndSorting() {
        assertParses("SELECT name FROM incidents WHERE date = DATE '2025-01-01' AND count > 2 ORDER BY first DESC",
                select("name").from("incidents")
                        .where(and(eq(col("date"), date("2025-01-01")), gt(col("count"), num(2))))
                        .orderBy(desc(col("first"))).build());
    }

    @Test
    void quotesReservedWordsToUseThemAsNames() {
        assertParses("SELECT \"from\", \"order\" AS \"limit\" FROM alerts",
                select(item(col(quoted("from"))), item(col(quoted("order")), quoted("limit"))).from("alerts").build());
    }

    @Test
    void skipsLineAndBlockComments() {
        assertParses("""
                -- alerts still firing
                SELECT id /* the key */, status
                FROM alerts -- the table
                /* multi
                   line */ WHERE status = 'firing' -- trailing""",
                select("id", "status").from("alerts").where(eq(col("status"), str("firing"))).build());
    }

    @Test
    void acceptsTabsNewlinesAndNoSpaceAroundPunctuation() {
        assertParses("SELECT\tid,status\r\nFROM\talerts\nWHERE(status='firing')",
                select("id", "status").from("alerts").where(eq(col("status"), str("firing"))).build());
    }

    @Test
    void acceptsATrailingSemicolon() {
        assertParses("SELECT id FROM alerts;", select("id").from("alerts").build());
    }

    // ---- conditions

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "=  | EQUAL",
            "!= | NOT_EQUAL",
            "<> | NOT_EQUAL",
            "<  | LESS_THAN",
            "<= | LESS_THAN_OR_EQUAL",
            ">  | GREATER_THAN",
            ">= | GREATER_THAN_OR_EQUAL"})
    void comparesWithEveryOperator(String symbol, ComparisonOperator operator) {
        assertCondition("rank " + symbol + " 3", cmp(operator, col("rank"), num(3)));
    }

    @Test
    void comparesTwoColumns() {
        assertCondition("updated_at > created_at", gt(col("updated_at"), col("created_at")));
    }

    @Test
    void bindsNotTighterThanAnd() {
        assertCondition("NOT a = 1 AND b = 2", and(not(eq(col("a"), num(1))), eq(col("b"), num(2))));
    }

    @Test
    void bindsAndTighterThanOr() {
        assertCondition("a = 1 OR b = 2 AND c = 3",
                or(eq(col("a"), num(1)), and(eq(col("b"), num(2)), eq(col("c"), num(3)))));
        assertCondition("a = 1 AND b = 2 OR c = 3",
                or(and(eq(col("a"), num(1)), eq(col("b"), num(2))), eq(col("c"), num(3))));
    }

    @Test
    void letsParenthesesOverridePrecedence() {
        assertCondition("(a = 1 OR b = 2) AND NOT (c = 3 OR d = 4)",
                and(or(eq(col("a"), num(1)), eq(col("b"), num(2))),
                        not(or(eq(col("c"), num(3)), eq(col("d"), num(4))))));
    }

    @Test
    void flattensChainsOfOneOperator() {
        Expression flat = and(eq(col("a"), num(1)), eq(col("b"), num(2)), eq(col("c"), num(3)));
        assertCondition("a = 1 AND b = 2 AND c = 3", flat);
        assertCondition("a = 1 AND (b = 2 AND c = 3)", flat);
        assertCondition("x = 1 OR y = 2 OR z = 3", or(eq(col("x"), num(1)), eq(col("y"), num(2)), eq(col("z"), num(3))));
    }

    @Test
    void negatesRepeatedly() {
        assertCondition("NOT NOT resolved", not(not(col("resolved"))));
    }

    @Test
    void testsMembershipInAListOfLiterals() {
        assertCondition("status IN ('firing', 'resolved')", in(col("status"), str("firing"), str("resolved")));
        assertCondition("rank NOT IN (1, 2.5, -3)", notIn(col("rank"), num(1), dec("2.5"), num(-3)));
    }

    @Test
    void marksAParameterInsideInAsExpandable() {
        assertCondition("status IN (:statuses)", in(col("status"), listParam("statuses")));
        assertCondition("status NOT IN (:statuses)", notIn(col("status"), listParam("statuses")));
    }

    @Test
    void mixesParametersAndLiteralsInAnInList() {
        assertCondition("status IN ('firing', :more, NULL)", in(col("status"), str("firing"), listParam("more"),
                nullLiteral()));
    }

    @Test
    void keepsTheAndOfBetweenOutOfTheConditionChain() {
        assertCondition("rank BETWEEN 1 AND 3 AND status = 'x'",
                and(between(col("rank"), num(1), num(3)), eq(col("status"), str("x"))));
        assertCondition("created_at NOT BETWEEN now() - 7d AND now()",
                notBetween(col("created_at"), now(Duration.ofDays(-7)), now()));
    }

    @Test
    void matchesPatternsWithLikeAndNotLike() {
        assertCondition("title LIKE '%disk%'", like(col("title"), str("%disk%")));
        assertCondition("title NOT LIKE '50!%%' ESCAPE '!'", notLike(col("title"), str("50!%%"), str("!")));
    }

    @Test
    void testsForNull() {
        assertCondition("resolved_at IS NULL OR resolved_at IS NOT NULL",
                or(isNull(col("resolved_at")), isNotNull(col("resolved_at"))));
    }

    // ---- aggregates and functions

    @Test
    void countsRowsValuesAndDistinctValues() {
        assertParses("SELECT COUNT(*), count(id), Count(DISTINCT status) FROM alerts",
                select(countAll(), aggregate(AggregateFunction.COUNT, col("id")), countDistinct(col("status")))
                        .from("alerts").build());
    }

    @Test
    void computesSumMinMaxAndAvg() {
        assertParses("SELECT SUM(rank), min(rank), MAX(created_at), avg(rank) FROM incidents",
                select(aggregate(AggregateFunction.SUM, col("rank")), aggregate(AggregateFunction.MIN, col("rank")),
                        aggregate(AggregateFunction.MAX, col("created_at")),
                        aggregate(AggregateFunction.AVG, col("rank"))).from("incidents").build());
    }

    @Test
    void leavesOtherFunctionsToBeResolvedLater() {
        assertParses("SELECT lower(title), json_value(attributes, '$.x'), pi() FROM alerts",
                select(call("lower", col("title")), call("json_value", col("attributes"), str("$.x")), call("pi"))
                        .from("alerts").build());
    }

    @Test
    void groupsAndFiltersGroups() {
        assertParses("SELECT status, COUNT(*) AS n FROM alerts GROUP BY status HAVING COUNT(*) > 10",
                select(item(col("status")), item(countAll(), "n")).from("alerts").groupBy(col("status"))
                        .having(gt(countAll(), num(10))).build());
    }

    @Test
    void groupsByMoreThanOneExpression() {
        assertParses("SELECT a, b FROM t GROUP BY a, lower(b)",
                select("a", "b").from("t").groupBy(col("a"), call("lower", col("b"))).build());
    }

    // ---- ORDER BY, LIMIT, OFFSET

    @Test
    void sortsWithDirectionsAndNullPlacement() {
        assertParses("SELECT id FROM alerts ORDER BY created_at DESC NULLS LAST, id ASC, title, rank NULLS FIRST",
                select("id").from("alerts").orderBy(
                        order(col("created_at"), Ordering.DESCENDING, NullOrdering.LAST),
                        asc(col("id")),
                        asc(col("title")),
                        order(col("rank"), Ordering.ASCENDING, NullOrdering.FIRST)).build());
    }

    @Test
    void limitsAndSkipsRows() {
        assertParses("SELECT id FROM alerts LIMIT 50 OFFSET 100", select("id").from("alerts").limit(50).offset(100).build());
        assertParses("SELECT id FROM alerts OFFSET 5", select("id").from("alerts").offset(5).build());
    }

    // ---- literals

    @Test
    void readsStringsWithDoubledQuotes() {
        assertCondition("a = 'it''s' AND b = '' AND c = 'two\nlines'",
                and(eq(col("a"), str("it's")), eq(col("b"), str("")), eq(col("c"), str("two\nlines"))));
    }

    @Test
    void readsIntegersUpToTheLongRange() {
        assertCondition("a = 0 OR a = -42 OR a = 9223372036854775807 OR a = -9223372036854775808",
                or(eq(col("a"), num(0)), eq(col("a"), num(-42)), eq(col("a"), num(Long.MAX_VALUE)),
                        eq(col("a"), num(Long.MIN_VALUE))));
    }

    @Test
    void readsDecimalsKeepingTheScaleWritten() {
        assertCondition("a = 1.50 OR a = .5 OR a = -0.25 OR a = 3.",
                or(eq(col("a"), dec("1.50")), eq(col("a"), dec("0.5")), eq(col("a"), dec("-0.25")),
                        eq(col("a"), dec("3"))));
    }

    @Test
    void readsBooleansAndNull() {
        assertCondition("a = TRUE AND b = false AND c = NULL",
                and(eq(col("a"), bool(true)), eq(col("b"), bool(false)), eq(col("c"), nullLiteral())));
    }

    @Test
    void readsDates() {
        assertCondition("created_at >= DATE '2025-01-01' AND created_at < date '2024-02-29'",
                and(cmp(ComparisonOperator.GREATER_THAN_OR_EQUAL, col("created_at"), date("2025-01-01")),
                        cmp(ComparisonOperator.LESS_THAN, col("created_at"), date("2024-02-29"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2025-01-01 10:00:00           | 2025-01-01T10:00:00Z",
            "2025-01-01 10:00              | 2025-01-01T10:00:00Z",
            "2025-01-01 10:00:00.250       | 2025-01-01T10:00:00.250Z",
            "2025-01-01T10:00:00           | 2025-01-01T10:00:00Z",
            "2025-01-01T10:00:00Z          | 2025-01-01T10:00:00Z",
            "2025-01-01T10:00:00.123456789Z | 2025-01-01T10:00:00.123456789Z",
            "2025-01-01T12:00:00+02:00     | 2025-01-01T10:00:00Z",
            "2025-01-01 05:00:00-05:00     | 2025-01-01T10:00:00Z"})
    void readsTimestampsAsUtcInstants(String text, String instant) {
        // Surefire runs the tests in America/Los_Angeles: a zone-less time must still be UTC.
        assertCondition("created_at > TIMESTAMP '" + text + "'", gt(col("created_at"), timestamp(instant)));
    }

    @Test
    void readsNowAsTheTimeTheQueryRuns() {
        assertCondition("created_at < NOW()", cmp(ComparisonOperator.LESS_THAN, col("created_at"), now()));
    }

    @ParameterizedTest(name = "now() {0}")
    @CsvSource(delimiter = '|', value = {
            "- 30s | -PT30S",
            "- 30m | -PT30M",
            "- 24h | -PT24H",
            "- 7d  | -PT168H",
            "- 2w  | -PT336H",
            "+ 1d  | PT24H",
            "-7D   | -PT168H",
            "+ 0h  | PT0S"})
    void readsTimesRelativeToNowInEveryUnit(String shift, String duration) {
        assertCondition("created_at > now() " + shift, gt(col("created_at"), now(Duration.parse(duration))));
    }

    // ---- parameters

    @Test
    void acceptsParametersWhereverALiteralGoes() {
        assertCondition("created_at > :since AND title LIKE :pattern AND rank BETWEEN :low AND :high",
                and(gt(col("created_at"), param("since")), like(col("title"), param("pattern")),
                        between(col("rank"), param("low"), param("high"))));
    }

    @Test
    void listsTheParameterNamesInOrderOfFirstUse() {
        Query query = DslParser.parse("SELECT id, :label FROM alerts WHERE status IN (:statuses) AND created_at > :since"
                + " AND updated_at > :since HAVING count(*) > :min ORDER BY :label");
        assertEquals(List.of("label", "statuses", "since", "min"), new ArrayList<>(query.parameterNames()));
        assertEquals(List.of(param("label"), listParam("statuses"), param("since"), param("since"), param("min"),
                param("label")), query.parameters());
    }

    @Test
    void listsParameterNamesStraightFromText() {
        assertEquals(List.of("b", "a"),
                new ArrayList<>(DslParser.parameterNames("SELECT id FROM alerts WHERE x = :b OR y IN (:a, :b)")));
        assertEquals(List.of(), new ArrayList<>(DslParser.parameterNames("SELECT id FROM alerts")));
    }

    @Test
    void keepsTheCaseOfParameterNames() {
        assertCondition("a = :Since_1 OR b = :since_1", or(eq(col("a"), param("Since_1")), eq(col("b"), param("since_1"))));
    }

    // ---- whole queries and limits

    @Test
    void parsesAQueryUsingEveryClause() {
        assertParses("""
                SELECT i.severity_name AS severity, COUNT(*) AS n, MAX(i.created_at) latest
                FROM incidents AS i
                WHERE i.mode IN ('standard', :modes)
                  AND i.created_at BETWEEN now() - 30d AND now()
                  AND (i.incident_status_category <> 'closed' OR i.summary IS NULL)
                  AND NOT i.name LIKE 'test%'
                GROUP BY i.severity_name
                HAVING COUNT(*) >= 2
                ORDER BY n DESC, severity NULLS LAST
                LIMIT 10 OFFSET 20;
                """,
                select(item(col("i", "severity_name"), "severity"), item(countAll(), "n"),
                        item(aggregate(AggregateFunction.MAX, col("i", "created_at")), "latest"))
                        .from("incidents", "i")
                        .where(and(
                                in(col("i", "mode"), str("standard"), listParam("modes")),
                                between(col("i", "created_at"), now(Duration.ofDays(-30)), now()),
                                or(cmp(ComparisonOperator.NOT_EQUAL, col("i", "incident_status_category"), str("closed")),
                                        isNull(col("i", "summary"))),
                                not(like(col("i", "name"), str("test%")))))
                        .groupBy(col("i", "severity_name"))
                        .having(cmp(ComparisonOperator.GREATER_THAN_OR_EQUAL, countAll(), num(2)))
                        .orderBy(desc(col("n")), order(col("severity"), Ordering.ASCENDING, NullOrdering.LAST))
                        .limit(10).offset(20)
                        .build());
    }

    @Test
    void parsesAVeryLongConditionWithoutRunningOutOfStack() {
        StringBuilder text = new StringBuilder("SELECT id FROM alerts WHERE a = 0");
        List<Expression> terms = new ArrayList<>(List.of(eq(col("a"), num(0))));
        for (int i = 1; i < 5_000; i++) {
            text.append(" AND a = ").append(i);
            terms.add(eq(col("a"), num(i)));
        }
        assertParses(text.toString(),
                select("id").from("alerts").where(and(terms)).build());
    }

    @Test
    void parsesDeeplyNestedParentheses() {
        String text = "SELECT id FROM alerts WHERE " + "(".repeat(200) + "a = 1" + ")".repeat(200);
        assertParses(text, select("id").from("alerts").where(eq(col("a"), num(1))).build());
    }

    @Test
    void givesTheSameTreeForTheSameQueryFormattedDifferently() {
        assertEquals(DslParser.parse("SELECT id FROM alerts WHERE a = 1 AND b IN (1, 2)"),
                DslParser.parse("select  id\nfrom alerts\n  where (a=1)\n  and b in (1,2)  -- same"));
    }
}
