package io.incidentql.grammar;

import io.incidentql.grammar.ast.Query;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parser facade of the DSL: turns query text into a {@link Query} tree, or throws a
 * {@link DslSyntaxException} that says where and why.
 *
 * <p>Parsing runs in two stages: first with SLL prediction, which is fast and right for nearly
 * every query, and only if that fails again with full LL prediction, which is slower but exact;
 * an error from the second stage is a real error. Neither stage prints anything.
 *
 * <p>Thread-safe: the methods keep no state between calls.
 */
public final class DslParser {

    private DslParser() {
    }

    /**
     * Parses one query.
     *
     * @throws DslSyntaxException if the text is not a query of the DSL
     */
    public static Query parse(String query) {
        Objects.requireNonNull(query, "query");
        try {
            DslBaseLexer lexer = new DslBaseLexer(CharStreams.fromString(query));
            lexer.removeErrorListeners();
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            tokens.fill();
            DslBaseParser.StatementContext tree;
            try {
                tree = newParser(tokens, PredictionMode.SLL).statement();
            } catch (ParseCancellationException sllFailed) {
                tokens.seek(0);
                try {
                    tree = newParser(tokens, PredictionMode.LL).statement();
                } catch (ParseCancellationException e) {
                    Token offending = offendingToken(e);
                    throw SyntaxErrors.atOffendingToken(query, tokens, offending != null ? offending : tokens.LT(1));
                }
            }
            return new AstBuilder(query).build(tree);
        } catch (StackOverflowError e) {
            // Only absurd nesting gets here; the stack has unwound by now, so carrying on is safe.
            throw new DslSyntaxException(null, 1, 1, "query is nested too deeply to parse", "", List.of());
        }
    }

    /**
     * Returns the names of the parameters the query uses, in order of first use.
     *
     * @throws DslSyntaxException if the text is not a query of the DSL
     * @see Query#parameters()
     */
    public static Set<String> parameterNames(String query) {
        return parse(query).parameterNames();
    }

    static DslBaseParser newParser(TokenStream tokens, PredictionMode mode) {
        DslBaseParser parser = new DslBaseParser(tokens);
        parser.removeErrorListeners();
        // Bail out at the first error: there is no recovery to attempt, the error is the answer.
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(mode);
        return parser;
    }

    static Token offendingToken(ParseCancellationException e) {
        return e.getCause() instanceof RecognitionException cause ? cause.getOffendingToken() : null;
    }
}
