package io.mynode.raft.core;

/** A message with its addressing and the sender's current term. */
public record Envelope(String from, String to, long term, Message message) {}
