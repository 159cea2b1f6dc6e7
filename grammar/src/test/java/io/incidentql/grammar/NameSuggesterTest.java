package io.incidentql.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link NameSuggester}: nearest names, thresholds and the distance itself.
 */
class NameSuggesterTest {

    private static final List<String> ALERT_COLUMNS = List.of(
            "id", "status", "title", "description", "created_at", "updated_at", "resolved_at", "alert_source_id",
            "deduplication_key", "source_url");

    @Test
    void suggestsTheNearestNameIgnoringCase() {
        assertEquals(Optional.of("status"), NameSuggester.nearest("STAUTS", ALERT_COLUMNS));
        assertEquals(Optional.of("created_at"), NameSuggester.nearest("creatd_at", ALERT_COLUMNS));
        assertEquals(Optional.of("title"), NameSuggester.nearest("titel", ALERT_COLUMNS));
    }

    @Test
    void countsASwapOfNeighbouringCharactersAsOneEdit() {
        assertEquals(1, NameSuggester.distance("FORM", "FROM"));
        assertEquals(1, NameSuggester.distance("stauts", "status"));
    }

    @Test
    void measuresInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, NameSuggester.distance("kitten", "sitting"));
        assertEquals(3, NameSuggester.distance("", "abc"));
        // Optimal string alignment edits no substring twice: a swap followed by an insertion
        // inside it does not count, so "ca" is three edits from "abc", not two.
        assertEquals(3, NameSuggester.distance("ca", "abc"));
        assertEquals(0, NameSuggester.distance("Status", "sTATUS"));
    }

    @Test
    void allowsMoreEditsForLongerNames() {
        assertEquals(Optional.of("incident_status_category"),
                NameSuggester.nearest("incidnet_stauts_categroy", List.of("incident_status_id", "incident_status_category")));
        assertEquals(Optional.empty(), NameSuggester.nearest("stat", ALERT_COLUMNS));
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertEquals(Optional.empty(), NameSuggester.nearest("severity", ALERT_COLUMNS));
        assertEquals(Optional.empty(), NameSuggester.nearest("x", List.of("y", "id")));
        assertEquals(Optional.empty(), NameSuggester.nearest("status", List.of()));
    }

    @Test
    void prefersTheFirstOfEquallyNearNames() {
        assertEquals(Optional.of("created_at"), NameSuggester.nearest("xxeated_at", List.of("created_at", "treated_at")));
    }
}
