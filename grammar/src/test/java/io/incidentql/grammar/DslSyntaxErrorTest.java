package io.incidentql.grammar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Error tests: each broken query must fail with exactly this message, line by line.
 */
class DslSyntaxErrorTest {

    private static DslSyntaxException assertError(String query, String... messageLines) {
        DslSyntaxException e = assertThrows(DslSyntaxException.class, () -> DslParser.parse(query), query);
        assertEquals(String.join("\n", messageLines), e.getMessage());
        return e;
    }

    // ---- misplaced and misspelt words

    @Test
    void blamesAMisspeltKeywordThatWasTakenForAnAlias() {
        DslSyntaxException e = assertError("SELECT id, status FORM alerts",
                "line 1:19: mismatched input 'FORM' expecting {',', 'FROM'}",
                "SELECT id, status FORM alerts",
                "                  ^");
        assertAll(
                () -> assertEquals(1, e.line()),
                () -> assertEquals(19, e.column()),
                () -> assertEquals("FORM", e.offendingToken()),
                () -> assertEquals(List.of("','", "'FROM'"), e.expected()),
                () -> assertEquals("mismatched input 'FORM' expecting {',', 'FROM'}", e.reason()));
    }

    @Test
    void reportsAMisspeltKeywordWhereNoAliasCouldStand() {
        assertError("SELECT * FORM alerts",
                "line 1:10: mismatched input 'FORM' expecting {',', 'FROM'}",
                "SELECT * FORM alerts",
                "         ^");
    }

    @Test
    void blamesAMisspeltWhereAfterTheTable() {
        assertError("SELECT id FROM alerts WEHRE status = 'firing'",
                "line 1:23: mismatched input 'WEHRE' expecting {';', 'GROUP', 'HAVING', 'LIMIT', 'OFFSET', 'ORDER', 'WHERE', <EOF>}",
                "SELECT id FROM alerts WEHRE status = 'firing'",
                "                      ^");
    }

    @Test
    void trustsAnAliasWrittenWithAs() {
        assertError("SELECT id AS form alerts",
                "line 1:19: mismatched input 'alerts' expecting {',', 'FROM'}",
                "SELECT id AS form alerts",
                "                  ^");
    }

    @Test
    void doesNotTakeAShortNameForAKeywordThatCannotStandThere() {
        // "id" is one edit from IN and IS, but neither could replace it after SELECT.
        assertError("SELECT id ORDER alerts",
                "line 1:11: mismatched input 'ORDER' expecting {',', '.', '(', 'AS', 'FROM', operator, identifier}",
                "SELECT id ORDER alerts",
                "          ^");
    }

    @Test
    void reportsAMissingFrom() {
        assertError("SELECT id, status WHERE status = 'firing'",
                "line 1:19: mismatched input 'WHERE' expecting {',', '.', '(', 'AS', 'FROM', operator, identifier}",
                "SELECT id, status WHERE status = 'firing'",
                "                  ^");
    }

    @Test
    void reportsAMissingTableName() {
        assertError("SELECT id FROM WHERE x = 1",
                "line 1:16: mismatched input 'WHERE' expecting identifier",
                "SELECT id FROM WHERE x = 1",
                "               ^");
    }

    @Test
    void reportsAJoinAsUnsupportedSyntax() {
        assertError("SELECT id FROM alerts, incidents",
                "line 1:22: mismatched input ',' expecting {';', 'AS', 'GROUP', 'HAVING', 'LIMIT', 'OFFSET', 'ORDER',"
                        + " 'WHERE', identifier, <EOF>}",
                "SELECT id FROM alerts, incidents",
                "                     ^");
    }

    @Test
    void reportsTrailingGarbage() {
        assertError("SELECT id FROM alerts LIMIT 5 extra",
                "line 1:31: mismatched input 'extra' expecting {';', 'OFFSET', <EOF>}",
                "SELECT id FROM alerts LIMIT 5 extra",
                "                              ^");
    }

    @Test
    void reportsASecondStatement() {
        assertError("SELECT id FROM alerts; SELECT id FROM incidents",
                "line 1:24: mismatched input 'SELECT' expecting <EOF>",
                "SELECT id FROM alerts; SELECT id FROM incidents",
                "                       ^");
    }

    @Test
    void reportsADoubledOperator() {
        assertError("SELECT id FROM alerts WHERE status == 'x'",
                "line 1:37: mismatched input '=' expecting expression",
                "SELECT id FROM alerts WHERE status == 'x'",
                "                                    ^");
    }

    @Test
    void reportsAColumnInsideAnInList() {
        assertError("SELECT id FROM alerts WHERE status IN (status)",
                "line 1:40: mismatched input 'status' expecting {literal, parameter}",
                "SELECT id FROM alerts WHERE status IN (status)",
                "                                       ^");
    }

    @Test
    void reportsAnEmptyInList() {
        assertError("SELECT id FROM alerts WHERE status IN ()",
                "line 1:40: mismatched input ')' expecting {literal, parameter}",
                "SELECT id FROM alerts WHERE status IN ()",
                "                                       ^");
    }

    @Test
    void reportsADurationWithoutUnit() {
        assertError("SELECT id FROM alerts WHERE created_at > now() - 7",
                "line 1:50: mismatched input '7' expecting duration",
                "SELECT id FROM alerts WHERE created_at > now() - 7",
                "                                                 ^");
    }

    @Test
    void reportsASpaceBetweenNumberAndUnit() {
        assertError("SELECT id FROM alerts WHERE created_at > now() - 7 d",
                "line 1:50: mismatched input '7' expecting duration",
                "SELECT id FROM alerts WHERE created_at > now() - 7 d",
                "                                                 ^");
    }

    @Test
    void reportsAParameterAsLimit() {
        assertError("SELECT id FROM alerts LIMIT :n",
                "line 1:29: mismatched input ':n' expecting integer",
                "SELECT id FROM alerts LIMIT :n",
                "                            ^");
    }

    // ---- unclosed things and bad characters

    @Test
    void reportsAnUnclosedString() {
        DslSyntaxException e = assertError("SELECT id FROM alerts WHERE title = 'disk full",
                "line 1:37: unterminated string literal",
                "SELECT id FROM alerts WHERE title = 'disk full",
                "                                    ^");
        assertEquals("'disk full", e.offendingToken());
    }

    @Test
    void reportsAnUnclosedStringWhoseLastQuoteIsEscaped() {
        assertError("SELECT id FROM alerts WHERE title = 'it''",
                "line 1:37: unterminated string literal",
                "SELECT id FROM alerts WHERE title = 'it''",
                "                                    ^");
    }

    @Test
    void reportsAnUnclosedParenthesis() {
        assertError("SELECT id FROM alerts WHERE (status = 'firing' OR status = 'resolved' ORDER BY id",
                "line 1:71: mismatched input 'ORDER' expecting {')', 'AND', 'OR'}",
                "SELECT id FROM alerts WHERE (status = 'firing' OR status = 'resolved' ORDER BY id",
                "                                                                      ^");
    }

    @Test
    void reportsAnUnclosedFunctionCall() {
        assertError("SELECT count(* FROM alerts",
                "line 1:16: mismatched input 'FROM' expecting ')'",
                "SELECT count(* FROM alerts",
                "               ^");
    }

    @Test
    void reportsAnUnclosedQuotedIdentifier() {
        assertError("SELECT \"Alert title FROM alerts",
                "line 1:8: unterminated quoted identifier",
                "SELECT \"Alert title FROM alerts",
                "       ^");
    }

    @Test
    void reportsAnUnclosedComment() {
        assertError("SELECT id FROM alerts /* no end",
                "line 1:23: unterminated comment",
                "SELECT id FROM alerts /* no end",
                "                      ^");
    }

    @Test
    void reportsAnUnrecognizedCharacter() {
        DslSyntaxException e = assertError("SELECT id FROM alerts WHERE status = ?",
                "line 1:38: unrecognized character '?'",
                "SELECT id FROM alerts WHERE status = ?",
                "                                     ^");
        assertEquals(List.of("expression"), e.expected());
    }

    @Test
    void countsColumnsInCharactersNotBytesOrCodeUnits() {
        assertError("SELECT 'é😀' x FROM alerts WHERE #",
                "line 1:33: unrecognized character '#'",
                "SELECT 'é😀' x FROM alerts WHERE #",
                "                                ^");
    }

    @Test
    void keepsTabsUnderTheCaretAligned() {
        assertError("SELECT\tid\tFROM\talerts\tWHERE\t@",
                "line 1:29: unrecognized character '@'",
                "SELECT\tid\tFROM\talerts\tWHERE\t@",
                "      \t  \t    \t      \t     \t^");
    }

    // ---- running out of input

    @Test
    void reportsAnEmptyQuery() {
        DslSyntaxException e = assertError("",
                "line 1:1: unexpected end of input, expecting 'SELECT'",
                "",
                "^");
        assertEquals("<EOF>", e.offendingToken());
    }

    @Test
    void reportsAQueryOfOnlyCommentsAndBlanks() {
        assertError("  -- nothing\n  /* here */\n",
                "line 1:1: unexpected end of input, expecting 'SELECT'",
                "  -- nothing",
                "^");
    }

    @Test
    void reportsAQueryThatStopsAfterSelect() {
        assertError("SELECT",
                "line 1:7: unexpected end of input, expecting {'*', expression}",
                "SELECT",
                "      ^");
    }

    @Test
    void pointsJustAfterTheLastTokenWhenTheInputEndsEarly() {
        assertError("SELECT id FROM alerts WHERE status IS   -- and then nothing\n\n",
                "line 1:38: unexpected end of input, expecting {'NOT', 'NULL'}",
                "SELECT id FROM alerts WHERE status IS   -- and then nothing",
                "                                     ^");
    }

    @Test
    void reportsAnIncompleteBetween() {
        assertError("SELECT id FROM alerts WHERE rank BETWEEN 1",
                "line 1:43: unexpected end of input, expecting 'AND'",
                "SELECT id FROM alerts WHERE rank BETWEEN 1",
                "                                          ^");
    }

    // ---- multi-line queries

    @Test
    void reportsAnErrorOnTheThirdLine() {
        DslSyntaxException e = assertError("SELECT id,\n       status\nFROM alerts WHERE AND status = 'x'\nLIMIT 5",
                "line 3:19: mismatched input 'AND' expecting expression",
                "FROM alerts WHERE AND status = 'x'",
                "                  ^");
        assertEquals(3, e.line());
        assertEquals(19, e.column());
    }

    @Test
    void reportsAnErrorOnALineEndingInCarriageReturnLineFeed() {
        assertError("SELECT id\r\nFROM alerts\r\nORDER id\r\n",
                "line 3:7: mismatched input 'id' expecting 'BY'",
                "ORDER id",
                "      ^");
    }

    @Test
    void showsTheLineWhereAMultiLineStringEnds() {
        assertError("SELECT id FROM alerts WHERE title = 'two\nlines' AND",
                "line 2:11: unexpected end of input, expecting expression",
                "lines' AND",
                "          ^");
    }

    @Test
    void cutsAVeryLongLineToAWindowAroundTheCaret() {
        String values = "'a', ".repeat(100);
        String query = "SELECT id FROM alerts WHERE status IN (" + values + ") OR rank IN (" + values + "1)";
        DslSyntaxException e = assertThrows(DslSyntaxException.class, () -> DslParser.parse(query));
        int column = 40 + values.length();
        String window = query.substring(column - 1 - 60, column - 1 + 60);
        assertEquals("line 1:" + column + ": mismatched input ')' expecting {literal, parameter}\n"
                + "..." + window + "...\n"
                + " ".repeat(3 + 60) + "^", e.getMessage());
    }

    // ---- malformed literals and calls

    @Test
    void reportsAnImpossibleDate() {
        DslSyntaxException e = assertError("SELECT id FROM alerts WHERE created_at > DATE '2025-02-30'",
                "line 1:47: invalid DATE literal '2025-02-30' (expected 'yyyy-MM-dd')",
                "SELECT id FROM alerts WHERE created_at > DATE '2025-02-30'",
                "                                              ^");
        assertAll(
                () -> assertEquals("'2025-02-30'", e.offendingToken()),
                () -> assertEquals(List.of(), e.expected()));
    }

    @Test
    void reportsATimestampWithoutTime() {
        assertError("SELECT id FROM alerts WHERE created_at > TIMESTAMP '2025-01-01'",
                "line 1:52: invalid TIMESTAMP literal '2025-01-01' (expected 'yyyy-MM-dd HH:mm:ss' or"
                        + " 'yyyy-MM-ddTHH:mm:ssZ')",
                "SELECT id FROM alerts WHERE created_at > TIMESTAMP '2025-01-01'",
                "                                                   ^");
    }

    @Test
    void reportsAnIntegerTooLargeForALong() {
        assertError("SELECT id FROM alerts WHERE rank > -9223372036854775809",
                "line 1:36: integer out of range: -9223372036854775809",
                "SELECT id FROM alerts WHERE rank > -9223372036854775809",
                "                                   ^");
    }

    @Test
    void reportsALimitTooLargeForALong() {
        assertError("SELECT id FROM alerts LIMIT 99999999999999999999",
                "line 1:29: integer out of range: 99999999999999999999",
                "SELECT id FROM alerts LIMIT 99999999999999999999",
                "                            ^");
    }

    @Test
    void reportsADurationTooLong() {
        assertError("SELECT id FROM alerts WHERE created_at > now() - 99999999999999999w",
                "line 1:50: duration out of range: 99999999999999999w",
                "SELECT id FROM alerts WHERE created_at > now() - 99999999999999999w",
                "                                                 ^");
    }

    @Test
    void reportsAStarInAnAggregateOtherThanCount() {
        assertError("SELECT SUM(*) FROM alerts",
                "line 1:12: '*' is allowed only in COUNT(*)",
                "SELECT SUM(*) FROM alerts",
                "           ^");
    }

    @Test
    void reportsDistinctInAFunctionThatIsNotAnAggregate() {
        assertError("SELECT lower(DISTINCT title) FROM alerts",
                "line 1:14: DISTINCT is allowed only in aggregate functions",
                "SELECT lower(DISTINCT title) FROM alerts",
                "             ^");
    }

    @Test
    void reportsAnAggregateWithTheWrongNumberOfArguments() {
        assertError("SELECT count() FROM alerts",
                "line 1:8: wrong number of arguments for COUNT: expected 1 or *, got 0",
                "SELECT count() FROM alerts",
                "       ^");
        assertError("SELECT max(a, b) FROM alerts",
                "line 1:8: wrong number of arguments for MAX: expected 1, got 2",
                "SELECT max(a, b) FROM alerts",
                "       ^");
    }

    @Test
    void reportsAnEmptyQuotedIdentifier() {
        assertError("SELECT \"\" FROM alerts",
                "line 1:8: zero-length quoted identifier",
                "SELECT \"\" FROM alerts",
                "       ^");
    }

    @Test
    void reportsNestingTooDeepForTheStackWithoutStackOverflowError() {
        String query = "SELECT id FROM alerts WHERE " + "(".repeat(200_000) + "a" + ")".repeat(200_000);
        assertError(query, "line 1:1: query is nested too deeply to parse");
    }
}
