package io.signalbox.engine.warehouse;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns the result of {@link Warehouse#query} into a value; it must not keep the result set. */
@FunctionalInterface
public interface ResultSetMapper<T> {
    T map(ResultSet rows) throws SQLException;
}
