package io.incidentql.adapter.plan;

import io.incidentql.adapter.plan.IncidentIoFilter.Condition;
import io.incidentql.adapter.plan.IncidentIoFilter.Op;
import java.util.Collection;
import java.util.List;

/**
 * Outcome of translating one conjunct: conditions that all hold, or that any holds; or, for a
 * comparison with a statement parameter, the condition to push once the parameter is bound.
 * The static methods say how such an outcome joins the filter built so far.
 *
 * <p>What one conjunct becomes: conditions that all hold, or that any holds; or, for a comparison
 * with a statement parameter, the condition to push once the parameter is bound.
 */
record Pushed(
    List<Condition> all, List<Condition> any, boolean exact, IncidentIoParamCondition param) {
  Pushed(List<Condition> all, List<Condition> any, boolean exact) {
    this(all, any, exact, null);
  }

  static Pushed all(Condition c, boolean exact) {
    return new Pushed(List.of(c), List.of(), exact);
  }

  static Pushed param(IncidentIoParamCondition param) {
    return new Pushed(List.of(), List.of(), false, param);
  }

    /** Whether an id lookup among the pushed conjuncts replaces list requests altogether. */
    static boolean lookupWins(IncidentIoFilter filter, Collection<Pushed> pushed) {
      return pushed.stream().anyMatch(p -> p != null && isLookup(p))
          && filter.all().isEmpty() && filter.any().isEmpty();
    }

    /** Whether a conjunct's AND conditions join the filter built so far. */
    static boolean takes(IncidentIoFilter filter, Pushed p, boolean lookup) {
      if (p == null || filter.isContradiction() || filter.hasLookup()) {
        return false;
      }
      if (lookup) {
        // GET /v2/alerts/{id} takes no filter: everything else is checked locally.
        return isLookup(p);
      }
      if (isLookup(p)) {
        // Filters already sent would be lost on a GET by id, so the id is checked locally.
        return false;
      }
      if (!p.any().isEmpty()) {
        return false; // placed after every AND condition is known
      }
      for (Condition c : p.all()) {
        // One bound per field: a second one is checked locally.
        if (c.isResolved() && (c.op() == Op.GTE || c.op() == Op.LTE)
            && filter.all().stream().anyMatch(x -> x.field().equals(c.field())
                && (x.op() == Op.GTE || x.op() == Op.LTE))) {
          return false;
        }
      }
      // Under filter_mode=any a condition sent later may become one more disjunct.
      return filter.any().isEmpty();
    }

    static boolean isLookup(Pushed p) {
      return p.all().stream().anyMatch(c -> c.op() == Op.LOOKUP);
    }
}
