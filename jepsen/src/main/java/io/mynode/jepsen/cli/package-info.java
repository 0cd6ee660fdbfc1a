/**
 * The {@code mynode-jepsen} command line (picocli): {@code test} runs a workload against a fresh
 * cluster under a nemesis; {@code check} judges an existing {@code history.edn}, including one
 * written by Jepsen itself. Exit status: 0 valid, 1 invalid, 2 unknown (Jepsen's convention), 254
 * for a command line that could not be understood, 255 when the test could not reach a verdict.
 * The only place in the module that prints.
 */
package io.mynode.jepsen.cli;
