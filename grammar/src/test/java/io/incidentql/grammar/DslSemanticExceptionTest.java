package io.incidentql.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.incidentql.grammar.ast.ColumnRef;
import io.incidentql.grammar.ast.Position;
import io.incidentql.grammar.ast.SingleColumn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link DslSemanticException}: the message the compiling stages will produce with it.
 */
class DslSemanticExceptionTest {

    @Test
    void pointsAtTheNodeAndOffersTheSuggestion() {
        String query = "SELECT id,\n       stauts\nFROM alerts";
        ColumnRef column = (ColumnRef) ((SingleColumn) DslParser.parse(query).select().get(1)).expression();
        DslSemanticException e = new DslSemanticException(query, column.position(),
                "column '" + column.name().value() + "' not found in table 'alerts'",
                NameSuggester.nearest(column.name().value(), List.of("id", "status", "title")));
        assertEquals("line 2:8: column 'stauts' not found in table 'alerts'; did you mean 'status'?\n"
                + "       stauts\n"
                + "       ^", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(8, e.column());
        assertEquals(Optional.of("status"), e.suggestion());
        assertEquals("column 'stauts' not found in table 'alerts'; did you mean 'status'?", e.reason());
        assertInstanceOf(DslException.class, e);
    }

    @Test
    void leavesOutTheExcerptWithoutTheQueryText() {
        DslSemanticException e = new DslSemanticException(Position.of(1, 15), "table 'alert' not found");
        assertEquals("line 1:15: table 'alert' not found", e.getMessage());
        assertEquals(Optional.empty(), e.suggestion());
    }

    @Test
    void leavesOutTheLocationWhenItIsUnknown() {
        DslSemanticException e = new DslSemanticException(null, Position.UNKNOWN, "parameter :since is not bound",
                Optional.empty());
        assertEquals("parameter :since is not bound", e.getMessage());
        assertEquals(0, e.line());
    }
}
