package io.incidentql.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Mapper of result rows onto a record type, resolved once per result: which column feeds which
 * component, and how its value converts.
 */
final class RecordMapper<R extends Record> {
  private static final Map<Class<?>, Class<?>> BOXES = Map.of(
      long.class, Long.class, int.class, Integer.class, double.class, Double.class,
      boolean.class, Boolean.class, float.class, Float.class, short.class, Short.class);

  private final Class<R> type;
  private final RecordComponent[] components;
  private final int[] columnOf;
  private final Constructor<R> constructor;
  private final Row.Columns columns;

  RecordMapper(Class<R> type, Row.Columns columns) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    this.type = type;
    this.columns = columns;
    this.components = type.getRecordComponents();
    this.columnOf = new int[components.length];
    List<String> missing = new ArrayList<>();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int c = 0; c < components.length; c++) {
      String name = components[c].getName();
      int i = columns.find(name);
      if (i < 0) {
        i = columns.find(snakeCase(name));
      }
      if (i < 0) {
        missing.add(name);
      }
      columnOf[c] = i;
      parameterTypes[c] = components[c].getType();
    }
    if (!missing.isEmpty()) {
      throw new IncidentQlException("Record " + type.getSimpleName() + " has component" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + " that match" + (missing.size() > 1 ? "" : "es")
          + " no column of the result (columns: " + String.join(", ", columns.names())
          + "); select the column or give it an alias with the component's name");
    }
    try {
      constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      throw new IncidentQlException("Record " + type.getName() + " cannot be constructed: " + e.getMessage(), e);
    }
  }

  /** {@code createdAt} becomes {@code created_at}. */
  static String snakeCase(String camel) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char ch = camel.charAt(i);
      if (Character.isUpperCase(ch)) {
        if (i > 0) {
          b.append('_');
        }
        b.append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  R map(Row row) {
    Object[] args = new Object[components.length];
    for (int c = 0; c < components.length; c++) {
      args[c] = convert(row, c);
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IncidentQlException("Record " + type.getSimpleName() + " refused row " + row + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IncidentQlException("Record " + type.getSimpleName() + " cannot be constructed: " + e.getMessage(), e);
    }
  }

  private Object convert(Row row, int c) {
    int i = columnOf[c];
    Object v = row.values()[i];
    Class<?> target = components[c].getType();
    if (v == null) {
      if (target.isPrimitive()) {
        throw mismatch(row, c, "is NULL, which a primitive " + target.getName() + " cannot hold; use "
            + BOXES.get(target).getSimpleName() + " or Optional");
      }
      return target == Optional.class ? Optional.empty() : null;
    }
    if (target == Optional.class) {
      return Optional.of(v);
    }
    Class<?> boxed = target.isPrimitive() ? BOXES.getOrDefault(target, target) : target;
    if (boxed.isInstance(v)) {
      return v;
    }
    try {
      if (v instanceof Number n) {
        if (boxed == Long.class) {
          return new BigDecimal(n.toString()).longValueExact();
        }
        if (boxed == Integer.class) {
          return new BigDecimal(n.toString()).intValueExact();
        }
        if (boxed == Short.class) {
          return new BigDecimal(n.toString()).shortValueExact();
        }
        if (boxed == Double.class) {
          return n.doubleValue();
        }
        if (boxed == Float.class) {
          return n.floatValue();
        }
        if (boxed == BigDecimal.class) {
          return new BigDecimal(n.toString());
        }
        if (boxed == BigInteger.class) {
          return new BigDecimal(n.toString()).toBigIntegerExact();
        }
      }
    } catch (ArithmeticException e) {
      throw mismatch(row, c, "has value " + v + ", which does not fit " + target.getSimpleName());
    }
    if (v instanceof Instant instant) {
      if (boxed == OffsetDateTime.class) {
        return instant.atOffset(ZoneOffset.UTC);
      }
      if (boxed == ZonedDateTime.class) {
        return instant.atZone(ZoneOffset.UTC);
      }
      if (boxed == LocalDateTime.class) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      }
    }
    if (v instanceof String s && boxed.isEnum()) {
      for (Object constant : boxed.getEnumConstants()) {
        if (((Enum<?>) constant).name().equalsIgnoreCase(s)) {
          return constant;
        }
      }
      throw mismatch(row, c, "has value '" + s + "', which is no constant of " + boxed.getSimpleName());
    }
    if (boxed == String.class) {
      // A record may read any column as text, as JDBC's getString does.
      return v.toString();
    }
    throw mismatch(row, c, "is " + row.typeName(i) + ", which " + target.getSimpleName() + " cannot hold");
  }

  private IncidentQlException mismatch(Row row, int c, String what) {
    int i = columnOf[c];
    return new IncidentQlException("Column '" + columns.names().get(i) + "' " + what + " (record component "
        + type.getSimpleName() + "." + components[c].getName() + ")");
  }
}
