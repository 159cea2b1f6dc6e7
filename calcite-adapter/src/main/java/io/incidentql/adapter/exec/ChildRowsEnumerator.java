package io.incidentql.adapter.exec;

import java.util.Iterator;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Enumerator over a child table's rows: it reads the parent's rows through the parent's own
 * enumerator, with every request, check, cancel and deadline of a scan, and expands each one.
 */
final class ChildRowsEnumerator implements Enumerator<Object[]> {
  private final Enumerator<Object[]> parents;
  private final ChildRows expander;
  private Iterator<Object[]> pending = java.util.Collections.emptyIterator();
  private Object[] current;

  ChildRowsEnumerator(Enumerator<Object[]> parents, ChildRows expander) {
    this.parents = parents;
    this.expander = expander;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    while (!pending.hasNext()) {
      if (!parents.moveNext()) {
        current = null;
        return false;
      }
      pending = expander.expand(parents.current()).iterator();
    }
    current = pending.next();
    return true;
  }

  @Override
  public void reset() {
    parents.reset();
    pending = java.util.Collections.emptyIterator();
    current = null;
  }

  @Override
  public void close() {
    parents.close();
  }
}
