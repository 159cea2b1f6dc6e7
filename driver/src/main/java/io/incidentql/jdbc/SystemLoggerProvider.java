package io.incidentql.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J provider of the self-contained jar that hands every log line to {@link System.Logger}
 * under the same logger name.
 *
 * <p>In that jar SLF4J is relocated, so the host's SLF4J provider cannot see the lines of the
 * driver, Calcite or Avatica. System.Logger goes to {@code java.util.logging} by default and to
 * the host's framework where it installs a {@code System.LoggerFinder} (Log4j's {@code
 * log4j-jpl}, SLF4J's {@code slf4j-jdk-platform-logging}). Only that jar registers this class
 * (its build adds the service file); on a Maven class path the driver logs through the
 * application's own SLF4J.
 */
public final class SystemLoggerProvider implements SLF4JServiceProvider {
  private final Map<String, Forwarder> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, Forwarder::new);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  /** Logger that forwards to the System.Logger of its name. */
  private static final class Forwarder extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient System.Logger target;

    Forwarder(String name) {
      this.name = name;
      this.target = System.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
      return target.isLoggable(System.Logger.Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return target.isLoggable(System.Logger.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return target.isLoggable(System.Logger.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return target.isLoggable(System.Logger.Level.WARNING);
    }

    @Override
    public boolean isErrorEnabled() {
      return target.isLoggable(System.Logger.Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable throwable) {
      System.Logger.Level to =
          switch (level) {
            case TRACE -> System.Logger.Level.TRACE;
            case DEBUG -> System.Logger.Level.DEBUG;
            case INFO -> System.Logger.Level.INFO;
            case WARN -> System.Logger.Level.WARNING;
            case ERROR -> System.Logger.Level.ERROR;
          };
      String message = MessageFormatter.basicArrayFormat(pattern, args);
      if (throwable == null) {
        target.log(to, message);
      } else {
        target.log(to, message, throwable);
      }
    }
  }
}
