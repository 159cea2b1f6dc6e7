package io.incidentql.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.incidentql.grammar.ast.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

/**
 * Fuzz-style tests: thousands of random and mutated texts, from fixed seeds so that a failure
 * repeats, must each parse or fail with a {@link DslException}, never anything else, and never hang.
 */
class DslParserFuzzTest {

    private static final List<String> VALID = List.of(
            "SELECT * FROM alerts",
            "SELECT id, status FROM alerts WHERE status = 'firing' ORDER BY created_at DESC LIMIT 10",
            "SELECT a.id, a.title AS t FROM alerts a WHERE a.status IN ('firing', :more) AND a.created_at > now() - 7d",
            "SELECT COUNT(*), COUNT(DISTINCT status) FROM incidents GROUP BY mode HAVING COUNT(*) > 1",
            "SELECT name FROM incidents WHERE created_at BETWEEN DATE '2025-01-01' AND TIMESTAMP '2025-02-01 10:00:00'",
            "SELECT id FROM incident_updates WHERE NOT (message LIKE '%x%' ESCAPE '!' OR message IS NULL) OFFSET 3",
            "select \"Odd \"\"name\"\"\" from incident_alerts -- comment\n where alert_id <> 'x' /* block */ ;",
            "SELECT MIN(rank), MAX(rank), AVG(rank), SUM(rank) FROM incidents WHERE rank >= -1.5 AND rank != .5",
            "SELECT id FROM alerts WHERE updated_at < now() + 1w ORDER BY id ASC NULLS FIRST, title DESC NULLS LAST");

    private static final List<String> FRAGMENTS = List.of(
            "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "ESCAPE", "BETWEEN", "AS",
            "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "NULLS", "FIRST", "LAST", "LIMIT", "OFFSET", "DISTINCT",
            "DATE", "TIMESTAMP", "TRUE", "FALSE", "now()", "now", "count(*)", "sum(", "alerts", "id", "status",
            "'firing'", "'", "''", "\"", "\"x\"", "(", ")", ",", ".", "*", ";", "=", "!=", "<>", "<", "<=", ">",
            ">=", "+", "-", "7d", "24h", "99999999999999999999", "1", "1.5", ".", ":", ":p", "--", "/*", "*/",
            "'2025-13-01'", "\n", "\t", " ", "  ", "é", "😀", "\u0000", "#", "?", "@", "\\", "\r");

    @Test
    void throwsNothingButDslExceptionsForRandomText() {
        Random random = new Random(20250101L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 1_000; i++) {
                StringBuilder text = new StringBuilder();
                int fragments = random.nextInt(20);
                for (int j = 0; j < fragments; j++) {
                    text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                    if (random.nextInt(3) > 0) {
                        text.append(' ');
                    }
                }
                check(text.toString());
            }
            for (int i = 0; i < 500; i++) {
                char[] chars = new char[random.nextInt(40)];
                for (int j = 0; j < chars.length; j++) {
                    // Mostly printable ASCII, sometimes anything including lone surrogates.
                    chars[j] = random.nextInt(10) == 0 ? (char) random.nextInt(Character.MAX_VALUE + 1)
                            : (char) (' ' + random.nextInt(95));
                }
                check(new String(chars));
            }
        });
    }

    @Test
    void throwsNothingButDslExceptionsForMutatedQueries() {
        Random random = new Random(42L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 2_500; i++) {
                String text = VALID.get(random.nextInt(VALID.size()));
                int mutations = 1 + random.nextInt(3);
                for (int j = 0; j < mutations; j++) {
                    text = mutate(text, random);
                }
                check(text);
            }
        });
    }

    @Test
    void neverListsTheRejectedTokenAmongTheExpectedOnes() {
        Random random = new Random(7L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 1_000; i++) {
                // Word-level edits: dropped, repeated and swapped words, the mistakes people make.
                List<String> words = new ArrayList<>(List.of(VALID.get(random.nextInt(VALID.size())).split(" ")));
                int at = random.nextInt(words.size());
                switch (random.nextInt(3)) {
                    case 0 -> words.remove(at);
                    case 1 -> words.add(at, words.get(random.nextInt(words.size())));
                    default -> Collections.swap(words, at, random.nextInt(words.size()));
                }
                String text = String.join(" ", words);
                try {
                    DslParser.parse(text);
                } catch (DslSyntaxException e) {
                    tokenAt(text, e.line(), e.column()).map(DslParserFuzzTest::expectedName).ifPresent(name ->
                            assertFalse(e.expected().contains(name), () -> "rejects what it expects: " + e.getMessage()));
                }
            }
        });
    }

    private static Optional<Token> tokenAt(String text, int line, int column) {
        return new DslBaseLexer(CharStreams.fromString(text)).getAllTokens().stream()
                .<Token>map(token -> token)
                .filter(token -> token.getLine() == line && token.getCharPositionInLine() + 1 == column)
                .findFirst();
    }

    private static String expectedName(Token token) {
        return switch (token.getType()) {
            case DslBaseLexer.IDENTIFIER, DslBaseLexer.QUOTED_IDENTIFIER -> "identifier";
            case DslBaseLexer.STRING -> "string";
            case DslBaseLexer.INTEGER_VALUE -> "integer";
            default -> DslBaseLexer.VOCABULARY.getLiteralName(token.getType());
        };
    }

    @Test
    void parsesEveryUnmutatedQuery() {
        for (String text : VALID) {
            DslParser.parse(text);
        }
    }

    private static String mutate(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length());
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(6)));
            case 1 -> text.substring(0, at) + FRAGMENTS.get(random.nextInt(FRAGMENTS.size())) + text.substring(at);
            case 2 -> text.substring(0, at) + (char) (' ' + random.nextInt(95)) + text.substring(Math.min(text.length(), at + 1));
            case 3 -> text.substring(0, at);
            case 4 -> {
                int end = Math.min(text.length(), at + random.nextInt(12));
                yield text.substring(0, end) + text.substring(at);
            }
            default -> {
                String[] words = text.split(" ");
                int a = random.nextInt(words.length);
                int b = random.nextInt(words.length);
                String swap = words[a];
                words[a] = words[b];
                words[b] = swap;
                yield String.join(" ", words);
            }
        };
    }

    private int checked;

    /**
     * Parses the text: the outcome must be a tree or a well-formed DslException. Trees and every
     * fourth error are parsed again and must come out the same; all errors would double the time.
     */
    private void check(String text) {
        boolean repeat = checked++ % 4 == 0;
        Query first;
        try {
            first = DslParser.parse(text);
        } catch (DslException e) {
            assertTrue(e.line() >= 1 && e.column() >= 1, () -> "no location for: " + text);
            assertTrue(e.getMessage().startsWith("line " + e.line() + ":" + e.column() + ": "), e::getMessage);
            if (repeat) {
                DslException again = null;
                try {
                    DslParser.parse(text);
                } catch (DslException repeated) {
                    again = repeated;
                }
                assertEquals(e.getMessage(), again == null ? null : again.getMessage(), () -> "not repeatable: " + text);
            }
            return;
        } catch (Throwable t) {
            fail("parsing " + escape(text) + " threw " + t, t);
            return;
        }
        assertEquals(first, DslParser.parse(text), () -> "not repeatable: " + text);
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder("\"");
        text.chars().forEach(c -> escaped.append(c < ' ' || c > '~' ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return escaped.append('"').toString();
    }
}
