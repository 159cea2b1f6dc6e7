package io.incidentql.adapter.plan;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/** Relational expression that the incident.io API evaluates, in the adapter's own convention. */
public interface IncidentIoRel extends RelNode {
  /** The calling convention of expressions the API evaluates. */
  Convention CONVENTION = new Convention.Impl("INCIDENTIO", IncidentIoRel.class);

  /** Returns the query that the API is asked for. */
  IncidentIoQuery query();
}
