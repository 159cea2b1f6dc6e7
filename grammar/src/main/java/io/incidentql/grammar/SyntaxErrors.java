package io.incidentql.grammar;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Writer of {@link DslSyntaxException}s: works out what the parser could have accepted where it
 * failed, and words the message.
 *
 * <p>The expected tokens are found by asking the parser itself: for each token type, does the
 * text before the error followed by that token still start a valid query? ANTLR's own expected
 * sets are computed from the parser's state when it gave up, which after an optional clause or
 * a multi-token decision leaves out tokens that would have been fine (AND after a WHERE
 * condition, for instance) or describes a position other than the one reported. Asking is exact,
 * and cheap next to a person reading the message: one short parse for each token type that can
 * follow the last good token anywhere in the grammar (see {@link Followers}), and only when there
 * is an error.
 */
final class SyntaxErrors {

    private static final Vocabulary VOCABULARY = DslBaseLexer.VOCABULARY;

    private static final BitSet CONDITION_START = firstTokens(DslBaseParser.RULE_booleanExpression);
    private static final BitSet VALUE_START = firstTokens(DslBaseParser.RULE_valueExpression);
    private static final BitSet LITERAL_START =
            without(firstTokens(DslBaseParser.RULE_constant), DslBaseLexer.PARAMETER);
    private static final BitSet COMPARISON_OPERATORS = firstTokens(DslBaseParser.RULE_comparisonOperator);
    private static final BitSet OPERATORS =
            with(firstTokens(DslBaseParser.RULE_predicate), DslBaseLexer.AND, DslBaseLexer.OR);
    private static final BitSet NON_RESERVED = firstTokens(DslBaseParser.RULE_nonReserved);

    /** Order of the words that stand for kinds of token, after the quoted keywords and punctuation. */
    private static final List<String> CATEGORY_ORDER = List.of("expression", "operator", "comparison operator",
            "literal", "string", "integer", "decimal", "duration", "parameter", "identifier");

    /** Token types the parser can accept somewhere; EOF is asked about separately. */
    private static final BitSet CANDIDATES = candidates();

    /** Bit standing for EOF in the follower sets; token type 0 is otherwise unused. */
    private static final int EOF_BIT = 0;

    /** For each token type, the types that can follow it anywhere in the grammar. */
    private static final BitSet[] FOLLOWERS = Followers.compute(DslBaseParser._ATN, VOCABULARY.getMaxTokenType());

    /** The types that can start a query. */
    private static final BitSet FIRST = Followers.first(DslBaseParser._ATN, DslBaseParser.RULE_statement);

    private SyntaxErrors() {
    }

    /** Returns the exception for a literal that parsed but does not make sense, such as an impossible date. */
    static DslSyntaxException atToken(String query, Token token, String reason) {
        return atToken(query, token, token.getText(), reason);
    }

    /** Returns the exception for a literal that starts at {@code token} and reads {@code text}. */
    static DslSyntaxException atToken(String query, Token token, String text, String reason) {
        return new DslSyntaxException(query, token.getLine(), token.getCharPositionInLine() + 1, reason, text,
                List.of());
    }

    /** Returns the exception for a query the parser stopped at {@code offending}, a token of {@code tokens}. */
    static DslSyntaxException atOffendingToken(String query, CommonTokenStream tokens, Token offending) {
        List<Token> all = tokens.getTokens();
        int errorIndex = offending.getTokenIndex();
        List<Token> before = new ArrayList<>(errorIndex);
        for (int i = 0; i < errorIndex; i++) {
            before.add(new CommonToken(all.get(i)));
        }
        // Only types that can follow the previous token somewhere in the grammar are worth asking about.
        int previous = previousOnDefaultChannel(all, errorIndex);
        BitSet worthAsking = (BitSet) (previous < 0 ? FIRST : FOLLOWERS[all.get(previous).getType()]).clone();
        boolean eofExpected = worthAsking.get(EOF_BIT) && continuesQuery(before, Token.EOF);
        worthAsking.and(CANDIDATES);
        BitSet expectedTypes = new BitSet();
        for (int type = worthAsking.nextSetBit(0); type >= 0; type = worthAsking.nextSetBit(type + 1)) {
            if (continuesQuery(before, type)) {
                expectedTypes.set(type);
            }
        }
        List<String> expected = describe(expectedTypes, eofExpected);

        Token blamed = misspeltKeywordBefore(all, before, expectedTypes).orElse(offending);
        int[] location = blamed.getType() == Token.EOF ? endOfLastToken(all, errorIndex) : startOf(blamed);
        return new DslSyntaxException(query, location[0], location[1], reason(blamed, expected), display(blamed),
                expected);
    }

    private static int[] startOf(Token token) {
        return new int[] {token.getLine(), token.getCharPositionInLine() + 1};
    }

    /**
     * Returns the line and column just after the last token before the end of the input: a query
     * that stops short is shown on the line where it stops, not on a blank line or comment after it.
     */
    private static int[] endOfLastToken(List<Token> all, int eofIndex) {
        int last = previousOnDefaultChannel(all, eofIndex);
        if (last < 0) {
            return new int[] {1, 1};
        }
        Token token = all.get(last);
        String text = token.getText();
        // The lexer counts columns in code points, so the end does too.
        int newline = text.lastIndexOf('\n');
        if (newline < 0) {
            int length = text.codePointCount(0, text.length());
            return new int[] {token.getLine(), token.getCharPositionInLine() + length + 1};
        }
        int lines = (int) text.chars().filter(c -> c == '\n').count();
        return new int[] {token.getLine() + lines, text.codePointCount(newline + 1, text.length()) + 1};
    }

    private static String reason(Token token, List<String> expected) {
        String expecting = expected.isEmpty() ? ""
                : expected.size() == 1 ? " expecting " + expected.get(0)
                : " expecting {" + String.join(", ", expected) + "}";
        return switch (token.getType()) {
            case Token.EOF -> "unexpected end of input" + (expecting.isEmpty() ? "" : "," + expecting);
            case DslBaseLexer.UNTERMINATED_STRING -> "unterminated string literal";
            case DslBaseLexer.UNTERMINATED_QUOTED_IDENTIFIER -> "unterminated quoted identifier";
            case DslBaseLexer.UNTERMINATED_BLOCK_COMMENT -> "unterminated comment";
            case DslBaseLexer.UNRECOGNIZED -> "unrecognized character '" + escape(token.getText()) + "'";
            default -> "mismatched input '" + escape(token.getText()) + "'" + expecting;
        };
    }

    /**
     * Returns the identifier just before the error if it looks like a misspelt keyword that was
     * taken for a bare alias: in {@code SELECT id FORM alerts}, FORM parses as an alias of id
     * and the parser only fails at alerts, but the mistake is FORM. The keyword must be one of
     * those expected at the error, be near the identifier's spelling, and fit where the
     * identifier stands; the last check keeps {@code id} from passing for IN or IS.
     */
    private static Optional<Token> misspeltKeywordBefore(List<Token> all, List<Token> before, BitSet expectedTypes) {
        int previous = previousOnDefaultChannel(all, before.size());
        if (previous < 0 || all.get(previous).getType() != DslBaseLexer.IDENTIFIER) {
            return Optional.empty();
        }
        int beforePrevious = previousOnDefaultChannel(all, previous);
        if (beforePrevious >= 0 && all.get(beforePrevious).getType() == DslBaseLexer.AS) {
            // "AS name" is an alias on purpose, however it is spelt.
            return Optional.empty();
        }
        Token candidate = all.get(previous);
        List<String> keywords = new ArrayList<>();
        for (int type = expectedTypes.nextSetBit(0); type >= 0; type = expectedTypes.nextSetBit(type + 1)) {
            String keyword = VOCABULARY.getSymbolicName(type);
            if (isKeyword(type)
                    && NameSuggester.nearest(candidate.getText(), List.of(keyword)).isPresent()
                    && continuesQuery(before.subList(0, previous), type)) {
                keywords.add(keyword);
            }
        }
        return NameSuggester.nearest(candidate.getText(), keywords).map(keyword -> candidate);
    }

    private static int previousOnDefaultChannel(List<Token> all, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (all.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                return i;
            }
        }
        return -1;
    }

    /** Returns whether the tokens before the error, followed by a token of this type, still start a query. */
    private static boolean continuesQuery(List<Token> before, int type) {
        List<Token> probe = new ArrayList<>(before.size() + 1);
        probe.addAll(before);
        if (type != Token.EOF) {
            CommonToken token = new CommonToken(type, "");
            token.setChannel(Token.DEFAULT_CHANNEL);
            probe.add(token);
        }
        // The token source appends EOF after the probe.
        DslBaseParser parser =
                DslParser.newParser(new CommonTokenStream(new ListTokenSource(probe)), PredictionMode.LL);
        parser.setBuildParseTree(false);
        try {
            parser.statement();
            return true;
        } catch (ParseCancellationException e) {
            Token failedAt = DslParser.offendingToken(e);
            // Failing only at the EOF after the probed token means the probed token was fine.
            return type != Token.EOF && failedAt != null && failedAt.getTokenIndex() > before.size();
        }
    }

    /**
     * Returns the expected tokens as the message shows them: keywords and punctuation in quotes,
     * in token type order, then categories that stand for many tokens, such as {@code expression}
     * for everything that can start one and {@code identifier} for names.
     */
    private static List<String> describe(BitSet types, boolean eofExpected) {
        BitSet remaining = (BitSet) types.clone();
        List<String> categories = new ArrayList<>();
        if (containsAll(remaining, VALUE_START)) {
            remaining.andNot(CONDITION_START);
            remaining.andNot(VALUE_START);
            categories.add("expression");
        }
        if (containsAll(remaining, LITERAL_START)) {
            remaining.andNot(LITERAL_START);
            categories.add("literal");
        }
        if (containsAll(remaining, OPERATORS)) {
            // After a complete value every operator could follow; naming each one buries the rest.
            remaining.andNot(OPERATORS);
            categories.add("operator");
        }
        if (containsAll(remaining, COMPARISON_OPERATORS)) {
            remaining.andNot(COMPARISON_OPERATORS);
            categories.add("comparison operator");
        }
        if (remaining.get(DslBaseLexer.IDENTIFIER)) {
            // Non-reserved keywords are identifiers here too; listing them would only add noise.
            remaining.andNot(NON_RESERVED);
            remaining.clear(DslBaseLexer.QUOTED_IDENTIFIER);
        }
        List<String> names = new ArrayList<>();
        for (int type = remaining.nextSetBit(0); type >= 0; type = remaining.nextSetBit(type + 1)) {
            String name = displayName(type);
            (name.startsWith("'") ? names : categories).add(name);
        }
        categories.sort(Comparator.comparingInt(CATEGORY_ORDER::indexOf));
        names.addAll(categories);
        if (eofExpected) {
            names.add("<EOF>");
        }
        return names;
    }

    private static String displayName(int type) {
        return switch (type) {
            case DslBaseLexer.STRING -> "string";
            case DslBaseLexer.INTEGER_VALUE -> "integer";
            case DslBaseLexer.DECIMAL_VALUE -> "decimal";
            case DslBaseLexer.DURATION -> "duration";
            case DslBaseLexer.PARAMETER -> "parameter";
            case DslBaseLexer.IDENTIFIER, DslBaseLexer.QUOTED_IDENTIFIER -> "identifier";
            default -> {
                String literal = VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : VOCABULARY.getSymbolicName(type);
            }
        };
    }

    private static String display(Token token) {
        return token.getType() == Token.EOF ? "<EOF>" : token.getText();
    }

    private static boolean isKeyword(int type) {
        String literal = VOCABULARY.getLiteralName(type);
        return literal != null && literal.matches("'[A-Z]+'");
    }

    /** Returns the text with line breaks and other control characters spelled out, keeping the message on one line. */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    private static boolean containsAll(BitSet set, BitSet subset) {
        BitSet missing = (BitSet) subset.clone();
        missing.andNot(set);
        return missing.isEmpty();
    }

    private static BitSet firstTokens(int rule) {
        ATN atn = DslBaseParser._ATN;
        IntervalSet tokens = atn.nextTokens(atn.ruleToStartState[rule]);
        BitSet set = new BitSet();
        for (int type : tokens.toArray()) {
            if (type > 0) {
                set.set(type);
            }
        }
        return set;
    }

    private static BitSet with(BitSet set, int... types) {
        BitSet copy = (BitSet) set.clone();
        for (int type : types) {
            copy.set(type);
        }
        return copy;
    }

    private static BitSet without(BitSet set, int type) {
        BitSet copy = (BitSet) set.clone();
        copy.clear(type);
        return copy;
    }

    private static BitSet candidates() {
        BitSet types = new BitSet();
        types.set(1, VOCABULARY.getMaxTokenType() + 1);
        // Never accepted by the parser, so never expected.
        for (int type : new int[] {DslBaseLexer.WHITESPACE, DslBaseLexer.LINE_COMMENT, DslBaseLexer.BLOCK_COMMENT,
                DslBaseLexer.UNTERMINATED_STRING, DslBaseLexer.UNTERMINATED_QUOTED_IDENTIFIER,
                DslBaseLexer.UNTERMINATED_BLOCK_COMMENT, DslBaseLexer.UNRECOGNIZED}) {
            types.clear(type);
        }
        return types;
    }
}
