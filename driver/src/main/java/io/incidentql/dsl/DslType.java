package io.incidentql.dsl;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/** Type family of a DSL expression, as far as the semantic checks need to tell them apart. */
enum DslType {
  STRING("VARCHAR"),
  NUMBER("numeric"),
  BOOLEAN("BOOLEAN"),
  TIMESTAMP("TIMESTAMP"),
  /** The NULL literal, or a parameter bound to null: it fits every type. */
  NULL("NULL"),
  /** A type the DSL does not compare with literals (none of the tables has one today). */
  OTHER("other");

  private final String label;

  DslType(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  static DslType of(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    switch (name.getFamily() == null ? org.apache.calcite.sql.type.SqlTypeFamily.ANY : name.getFamily()) {
      case CHARACTER:
        return STRING;
      case NUMERIC:
        return NUMBER;
      case BOOLEAN:
        return BOOLEAN;
      case TIMESTAMP:
      case DATE:
        return TIMESTAMP;
      case NULL:
        return NULL;
      default:
        return name == SqlTypeName.NULL ? NULL : OTHER;
    }
  }

  /** Whether two values of these families can be compared with each other. */
  static boolean comparable(DslType a, DslType b) {
    return a == NULL || b == NULL || a == b;
  }
}
