package io.incidentql.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * Prepared statement of the driver around the engine's: an {@link IncidentIoStatement} whose
 * parameters are converted by {@link IncidentIoParameters} and must all be bound before it runs.
 */
final class IncidentIoPreparedStatement extends IncidentIoStatement implements PreparedStatement {
  private final PreparedStatement delegate;
  private final IncidentIoParameters parameters;

  IncidentIoPreparedStatement(PreparedStatement delegate, IncidentIoConnection connection) {
    super(delegate, connection);
    this.delegate = delegate;
    this.parameters = new IncidentIoParameters(delegate);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    parameters.checkAllBound();
    return execution(delegate::executeQuery);
  }

  @Override
  public boolean execute() throws SQLException {
    parameters.checkAllBound();
    return execution(delegate::execute);
  }

  @Override
  public int executeUpdate() throws SQLException {
    throw updateRefused("executeUpdate");
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    throw updateRefused("executeLargeUpdate");
  }

  @Override
  public void addBatch() throws SQLException {
    delegate.addBatch();
  }

  @Override
  public void clearParameters() throws SQLException {
    parameters.clearParameters();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return delegate.getMetaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return delegate.getParameterMetaData();
  }

  @Override
  public void setObject(int i, Object x, SQLType targetSqlType) throws SQLException {
    parameters.setObject(i, x, targetSqlType);
  }

  @Override
  public void setObject(int i, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    parameters.setObject(i, x, targetSqlType, scaleOrLength);
  }

  @Override
  public void setArray(int i, Array x) throws SQLException {
    parameters.noteBound(i);
    delegate.setArray(i, x);
  }

  @Override
  public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
    parameters.noteBound(i);
    delegate.setAsciiStream(i, x, length);
  }

  @Override
  public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
    parameters.noteBound(i);
    delegate.setAsciiStream(i, x, length);
  }

  @Override
  public void setAsciiStream(int i, InputStream x) throws SQLException {
    parameters.noteBound(i);
    delegate.setAsciiStream(i, x);
  }

  @Override
  public void setBigDecimal(int i, BigDecimal x) throws SQLException {
    parameters.setBigDecimal(i, x);
  }

  @Override
  public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
    parameters.noteBound(i);
    delegate.setBinaryStream(i, x, length);
  }

  @Override
  public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
    parameters.noteBound(i);
    delegate.setBinaryStream(i, x, length);
  }

  @Override
  public void setBinaryStream(int i, InputStream x) throws SQLException {
    parameters.noteBound(i);
    delegate.setBinaryStream(i, x);
  }

  @Override
  public void setBlob(int i, InputStream x, long length) throws SQLException {
    parameters.noteBound(i);
    delegate.setBlob(i, x, length);
  }

  @Override
  public void setBlob(int i, InputStream x) throws SQLException {
    parameters.noteBound(i);
    delegate.setBlob(i, x);
  }

  @Override
  public void setBlob(int i, Blob x) throws SQLException {
    parameters.noteBound(i);
    delegate.setBlob(i, x);
  }

  @Override
  public void setBoolean(int i, boolean x) throws SQLException {
    parameters.setBoolean(i, x);
  }

  @Override
  public void setByte(int i, byte x) throws SQLException {
    parameters.setByte(i, x);
  }

  @Override
  public void setBytes(int i, byte[] x) throws SQLException {
    parameters.noteBound(i);
    delegate.setBytes(i, x);
  }

  @Override
  public void setCharacterStream(int i, Reader x, int length) throws SQLException {
    parameters.noteBound(i);
    delegate.setCharacterStream(i, x, length);
  }

  @Override
  public void setCharacterStream(int i, Reader x, long length) throws SQLException {
    parameters.noteBound(i);
    delegate.setCharacterStream(i, x, length);
  }

  @Override
  public void setCharacterStream(int i, Reader x) throws SQLException {
    parameters.noteBound(i);
    delegate.setCharacterStream(i, x);
  }

  @Override
  public void setClob(int i, Reader x, long length) throws SQLException {
    parameters.noteBound(i);
    delegate.setClob(i, x, length);
  }

  @Override
  public void setClob(int i, Reader x) throws SQLException {
    parameters.noteBound(i);
    delegate.setClob(i, x);
  }

  @Override
  public void setClob(int i, Clob x) throws SQLException {
    parameters.noteBound(i);
    delegate.setClob(i, x);
  }

  @Override
  public void setDate(int i, Date x, Calendar calendar) throws SQLException {
    parameters.setDate(i, x, calendar);
  }

  @Override
  public void setDate(int i, Date x) throws SQLException {
    parameters.setDate(i, x);
  }

  @Override
  public void setDouble(int i, double x) throws SQLException {
    parameters.setDouble(i, x);
  }

  @Override
  public void setFloat(int i, float x) throws SQLException {
    parameters.setFloat(i, x);
  }

  @Override
  public void setInt(int i, int x) throws SQLException {
    parameters.setInt(i, x);
  }

  @Override
  public void setLong(int i, long x) throws SQLException {
    parameters.setLong(i, x);
  }

  @Override
  public void setNCharacterStream(int i, Reader x, long length) throws SQLException {
    parameters.noteBound(i);
    delegate.setNCharacterStream(i, x, length);
  }

  @Override
  public void setNCharacterStream(int i, Reader x) throws SQLException {
    parameters.noteBound(i);
    delegate.setNCharacterStream(i, x);
  }

  @Override
  public void setNClob(int i, Reader x, long length) throws SQLException {
    parameters.noteBound(i);
    delegate.setNClob(i, x, length);
  }

  @Override
  public void setNClob(int i, Reader x) throws SQLException {
    parameters.noteBound(i);
    delegate.setNClob(i, x);
  }

  @Override
  public void setNClob(int i, NClob x) throws SQLException {
    parameters.noteBound(i);
    delegate.setNClob(i, x);
  }

  @Override
  public void setNString(int i, String x) throws SQLException {
    parameters.setNString(i, x);
  }

  @Override
  public void setNull(int i, int sqlType, String typeName) throws SQLException {
    parameters.setNull(i, sqlType, typeName);
  }

  @Override
  public void setNull(int i, int sqlType) throws SQLException {
    parameters.setNull(i, sqlType);
  }

  @Override
  public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    parameters.setObject(i, x, targetSqlType, scaleOrLength);
  }

  @Override
  public void setObject(int i, Object x, int targetSqlType) throws SQLException {
    parameters.setObject(i, x, targetSqlType);
  }

  @Override
  public void setObject(int i, Object x) throws SQLException {
    parameters.setObject(i, x);
  }

  @Override
  public void setRef(int i, Ref x) throws SQLException {
    parameters.noteBound(i);
    delegate.setRef(i, x);
  }

  @Override
  public void setRowId(int i, RowId x) throws SQLException {
    parameters.noteBound(i);
    delegate.setRowId(i, x);
  }

  @Override
  public void setSQLXML(int i, SQLXML x) throws SQLException {
    parameters.noteBound(i);
    delegate.setSQLXML(i, x);
  }

  @Override
  public void setShort(int i, short x) throws SQLException {
    parameters.setShort(i, x);
  }

  @Override
  public void setString(int i, String x) throws SQLException {
    parameters.setString(i, x);
  }

  @Override
  public void setTime(int i, Time x, Calendar calendar) throws SQLException {
    parameters.setTime(i, x, calendar);
  }

  @Override
  public void setTime(int i, Time x) throws SQLException {
    parameters.setTime(i, x);
  }

  @Override
  public void setTimestamp(int i, Timestamp x, Calendar calendar) throws SQLException {
    parameters.setTimestamp(i, x, calendar);
  }

  @Override
  public void setTimestamp(int i, Timestamp x) throws SQLException {
    parameters.setTimestamp(i, x);
  }

  @Override
  public void setURL(int i, URL x) throws SQLException {
    parameters.noteBound(i);
    delegate.setURL(i, x);
  }

  @Override
  public void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
    parameters.noteBound(i);
    delegate.setUnicodeStream(i, x, length);
  }
}
