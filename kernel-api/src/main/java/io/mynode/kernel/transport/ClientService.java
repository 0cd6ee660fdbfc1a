package io.mynode.kernel.transport;

import io.mynode.kernel.sql.SqlEngine;

/**
 * What a node serves to clients once it is up: its SQL engine and its status.
 *
 * @param sql sessions for client connections
 * @param status this node's status, computed on each call
 */
public record ClientService(SqlEngine sql, java.util.function.Supplier<NodeStatus> status) {}
